/** Evidence uploads through the real route handlers: content checks, limits, authorization, download. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpIntegrationDatabase } from "../support/integration";
import {
  genuineDocx,
  genuinePptx,
  genuineXlsx,
  installerPackage,
  legacyDoc,
  legacyPpt,
  legacyXls,
  zipEntries,
} from "../support/office";
import { streamedBody, streamedRequest } from "../support/streamed-body";
import { assembleZip, deflatedZeros, pack, writeZip } from "../support/zip";
import type * as DownloadRouteModule from "../../app/api/evidence/[id]/route";
import type * as UploadRouteModule from "../../app/api/tasks/[id]/evidence/route";

const uploadDir = mkdtempSync(path.join(tmpdir(), "dpt-uploads-"));
// Room for a 1 MB zip bomb, which must be refused for what it is, not for its size.
const db = setUpIntegrationDatabase({
  documents: "all",
  env: { UPLOAD_DIR: uploadDir, UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) },
});
let taskId: number;
const tokens: Record<string, string> = {};
let upload: typeof UploadRouteModule.POST;
let download: typeof DownloadRouteModule.GET;

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2048), Buffer.from("\n%%EOF\n")]);

async function tokenFor(username: string, role: "DEPARTMENT_EDITOR" | "VIEWER", department: string | null) {
  const { hashToken } = await import("../../lib/server/auth/session");
  const dept = department ? await db.prisma.department.findUniqueOrThrow({ where: { name: department } }) : null;
  const user = await db.prisma.user.create({
    data: { username, displayName: username, role, departmentId: dept?.id ?? null },
  });
  const secret = `dpt_${randomBytes(24).toString("base64url")}`;
  await db.prisma.apiToken.create({
    data: { userId: user.id, name: "test", prefix: secret.slice(0, 8), tokenHash: hashToken(secret) },
  });
  return secret;
}

function multipart(token: string | null, name: string, bytes: Buffer): Request {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name));
  return new Request(`http://localhost/api/tasks/${taskId}/evidence`, {
    method: "POST",
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  upload = (await db.load(() => import("../../app/api/tasks/[id]/evidence/route"))).POST;
  download = (await db.load(() => import("../../app/api/evidence/[id]/route"))).GET;
  taskId = (await db.prisma.task.findUniqueOrThrow({ where: { key: "work-points-2023#12" } })).id;
  tokens.lead = await tokenFor("ev-lead", "DEPARTMENT_EDITOR", "省工业和信息化厅");
  tokens.other = await tokenFor("ev-other", "DEPARTMENT_EDITOR", "省大数据局");
  tokens.viewer = await tokenFor("ev-viewer", "VIEWER", null);
}, 120_000);

afterAll(async () => {
  rmSync(uploadDir, { recursive: true, force: true });
});

describe("evidence upload", () => {
  it("stores a PDF outside the web root and serves it back only as an attachment", async () => {
    const response = await upload(multipart(tokens.lead!, "种子工厂名单.pdf", PDF), params(taskId));
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: number; fileName: string };
    expect(stored.fileName).toBe("种子工厂名单.pdf");
    const row = await db.prisma.evidence.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row).toMatchObject({ contentType: "application/pdf", byteSize: PDF.length, taskUpdateId: null });
    expect(row.storageKey).toMatch(/^\d{4}\/[0-9a-f-]{36}\.pdf$/);

    const got = await download(
      new Request(`http://localhost/api/evidence/${stored.id}`, {
        headers: { authorization: `Bearer ${tokens.viewer}` },
      }),
      params(stored.id),
    );
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toContain("attachment;");
    expect(got.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("种子工厂名单.pdf")}`,
    );
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it.each([
    ["an executable renamed to .pdf", "report.pdf", Buffer.concat([Buffer.from("MZ"), randomBytes(100)]), 415],
    ["an HTML page renamed to .png", "chart.png", Buffer.from("<html><script>alert(1)</script></html>"), 415],
    [
      "a file over the size limit",
      "big.pdf",
      Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2 * 1024 * 1024)]),
      413,
    ],
    ["an empty file", "empty.pdf", Buffer.alloc(0), 422],
  ])("refuses %s and stores nothing", async (_label, name, bytes, status) => {
    const before = await db.prisma.evidence.count();
    const response = await upload(multipart(tokens.lead!, name, bytes), params(taskId));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { message: string } };
    // A sentence in the interface's default language (zh-CN: no Accept-Language here), not a code.
    expect(body.error.message).toMatch(/^\p{Script=Han}/u);
    expect(body.error.message).not.toContain(" · ");
    expect(await db.prisma.evidence.count()).toBe(before);
  });

  it.each([
    ["no credentials", null, 401],
    ["an editor of another department", "other", 403],
    ["a viewer", "viewer", 403],
  ])("refuses %s", async (_label, who, status) => {
    const before = await db.prisma.evidence.count();
    const response = await upload(multipart(who ? tokens[who]! : null, "a.pdf", PDF), params(taskId));
    expect(response.status).toBe(status);
    expect(await db.prisma.evidence.count()).toBe(before);
  });

  it("answers 404 for an unknown task or evidence id", async () => {
    expect((await upload(multipart(tokens.lead!, "a.pdf", PDF), params(999999))).status).toBe(404);
    const missing = await download(
      new Request("http://localhost/api/evidence/999999", { headers: { authorization: `Bearer ${tokens.viewer}` } }),
      params(999999),
    );
    expect(missing.status).toBe(404);
  });
});

describe("Office and OFD files are checked by their structure, not by their signature", () => {
  /** Every file under the upload directory: nothing may be written for a refused upload. */
  const storedFiles = () => readdirSync(uploadDir, { recursive: true }).length;

  it.each([
    ["a Word document", "方案.docx", genuineDocx, "docx"],
    ["an Excel workbook", "台账.xlsx", () => genuineXlsx(), "xlsx"],
    ["a PowerPoint presentation", "汇报.pptx", genuinePptx, "pptx"],
    ["a Word 97–2003 document", "旧方案.doc", legacyDoc, "doc"],
    ["an Excel 97–2003 workbook", "旧台账.xls", () => legacyXls(), "xls"],
    ["a PowerPoint 97–2003 presentation", "旧汇报.ppt", legacyPpt, "ppt"],
  ])("accepts %s", async (_label, name, make, type) => {
    const bytes = Buffer.from(await make());
    const response = await upload(multipart(tokens.lead!, name, bytes), params(taskId));
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: number };
    const row = await db.prisma.evidence.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row.storageKey).toMatch(new RegExp(`\\.${type}$`));
    expect(row.byteSize).toBe(bytes.length);
  });

  const disguisedZip = () =>
    writeZip([
      { name: "payload.exe", data: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
      { name: "index.html", data: new TextEncoder().encode("<script>alert(1)</script>") },
    ]);
  const docxEntries = async () => (await zipEntries(await genuineDocx())).map((e) => pack(e.name, e.data));

  it.each([
    [
      "a plain zip holding payload.exe and index.html named report.docx",
      "report.docx",
      disguisedZip,
      415,
      /不是有效的 Word 文件/,
    ],
    ["the same zip named report.xlsx", "report.xlsx", disguisedZip, 415, /不是有效的 Excel 文件/],
    ["an installer (.msi) named setup.doc", "setup.doc", installerPackage, 415, /不是有效的 Word 97–2003 文件/],
    ["an installer named setup.xls", "setup.xls", installerPackage, 415, /不是有效的 Excel 97–2003 文件/],
    ["a Word 97–2003 document named .xls", "a.xls", legacyDoc, 415, /\.xls/],
    [
      "a 1 MB docx whose end record hides a 1 GiB entry",
      "report.docx",
      async () => {
        const entries = await docxEntries();
        return assembleZip([...entries, deflatedZeros("word/media/image1.png", 1024)], {
          declaredCount: entries.length,
        });
      },
      422,
      /已损坏或结构异常/,
    ],
    [
      "a 1 MB docx declaring a 1 GiB entry",
      "report.docx",
      async () => assembleZip([...(await docxEntries()), deflatedZeros("word/media/image1.png", 1024)]),
      413,
      /解压后超过 64 MB/,
    ],
  ])("refuses %s, quickly and writing nothing", async (_label, name, make, status, message) => {
    const bytes = Buffer.from(await make());
    const before = { rows: await db.prisma.evidence.count(), files: storedFiles() };
    const rss = process.memoryUsage().rss;
    const start = performance.now();
    const response = await upload(multipart(tokens.lead!, name, bytes), params(taskId));
    const ms = performance.now() - start;
    const growth = (process.memoryUsage().rss - rss) / 2 ** 20;
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(ms).toBeLessThan(1000);
    expect(growth).toBeLessThan(64);
    console.info(
      `evidence ${name} (${bytes.length} bytes): ${response.status} in ${ms.toFixed(1)} ms, RSS +${growth.toFixed(1)} MiB`,
    );
    expect({ rows: await db.prisma.evidence.count(), files: storedFiles() }).toEqual(before);
  });
});

describe("evidence request bodies are bounded before they are read", () => {
  // UPLOAD_MAX_BYTES is 2 MiB here; the form may add 64 KiB of its own.
  const LIMIT = 2 * 1024 * 1024 + 64 * 1024;

  it("a chunked upload without Content-Length is cut off past the limit (413), not buffered whole", async () => {
    const before = await db.prisma.evidence.count();
    const body = streamedBody(20 * 1024 * 1024, 16 * 1024);
    const response = await upload(
      streamedRequest(`http://localhost/api/tasks/${taskId}/evidence`, body.stream, {
        authorization: `Bearer ${tokens.lead}`,
      }),
      params(taskId),
    );
    expect(response.status).toBe(413);
    expect(body.pulled.bytes).toBeLessThanOrEqual(LIMIT + body.chunkBytes);
    expect(body.pulled.bytes).toBeGreaterThan(LIMIT);
    expect(await db.prisma.evidence.count()).toBe(before);
  });

  it.each([
    ["a viewer", "viewer", 403],
    ["an editor of another department", "other", 403],
  ])("%s is refused before the body is read", async (_label, who, status) => {
    const body = streamedBody(20 * 1024 * 1024, 16 * 1024);
    const response = await upload(
      streamedRequest(`http://localhost/api/tasks/${taskId}/evidence`, body.stream, {
        authorization: `Bearer ${tokens[who]}`,
      }),
      params(taskId),
    );
    expect(response.status).toBe(status);
    expect(body.pulled.bytes).toBeLessThanOrEqual(body.chunkBytes);
  });
});
