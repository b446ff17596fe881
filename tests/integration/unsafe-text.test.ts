/**
 * The outside probe of 2026-12 (finding 5): a NUL or a lone surrogate in a query parameter, a path
 * segment, a JSON body or a multipart form reached PostgreSQL and came back as a 500. Route handlers are
 * called directly with real API tokens against a real PostgreSQL: every such input is refused with 422
 * naming the field, nothing is written, and the audit log records refused text sanitised (jsonb refuses
 * NUL and lone surrogates, which lost the rejected text of a stale report).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

const db = setUpIntegrationDatabase({ documents: "all" });
let editorToken = "";
let editor: Actor;
let taskId: number;
const routes: Record<string, Handler> = {};

const UNSAFE = ["a\u0000b", "\u0000", "\ud800", "x\udc00y", "\udfff\ud800"];

async function call(
  handler: Handler,
  url: string,
  options: { params?: Record<string, string>; body?: unknown; rawBody?: BodyInit; contentType?: string } = {},
): Promise<{ status: number; body: ErrorBody }> {
  const headers = new Headers({ authorization: `Bearer ${editorToken}` });
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  // A FormData body sets its own multipart content type (with the boundary).
  if (options.body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  const request = new Request(`http://localhost${url}`, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as ErrorBody };
}

const writes = async () => ({
  updates: await db.prisma.taskUpdate.count(),
  audit: await db.prisma.auditLog.count(),
  evidence: await db.prisma.evidence.count(),
});

beforeAll(async () => {
  const p = db.prisma;
  const department = await p.department.findUniqueOrThrow({ where: { name: "省大数据局" }, select: { id: true } });
  taskId = (
    await p.task.findFirstOrThrow({
      where: { retiredAt: null, assignments: { some: { departmentId: department.id, role: "LEAD" } } },
      orderBy: { id: "asc" },
      select: { id: true },
    })
  ).id;

  const { createApiToken } = await db.load(() => import("../../lib/server/api-tokens"));
  editor = await makeActor(p, {
    username: "editor-text",
    displayName: "文本编辑",
    role: "DEPARTMENT_EDITOR",
    department: department.id,
  });
  editorToken = (await createApiToken(editor, { name: "text probe" })).secret;

  routes.tasks = (await db.load(() => import("../../app/api/v1/tasks/route"))).GET;
  routes.updates = (await db.load(() => import("../../app/api/v1/tasks/[id]/updates/route"))).POST;
  routes.document = (await db.load(() => import("../../app/api/v1/documents/[slug]/route"))).GET;
  routes.departmentSearch = (await db.load(() => import("../../app/api/departments/search/route"))).GET;
  routes.export = (await db.load(() => import("../../app/(app)/tasks/export/route"))).GET;
  routes.indicators = (await db.load(() => import("../../app/api/v1/indicators/route"))).GET;
  routes.evidence = (await db.load(() => import("../../app/api/tasks/[id]/evidence/route"))).POST as unknown as Handler;
});

describe("query parameters and path segments (the reported GETs)", () => {
  it.each([
    ["/api/v1/tasks?q=%00", "tasks", "q"],
    ["/api/v1/tasks?q=a%00b&page=1", "tasks", "q"],
    ["/tasks/export?q=%00", "export", "q"],
    ["/tasks/export?format=csv&area=%00", "export", "area"],
    ["/api/departments/search?q=%00", "departmentSearch", "q"],
    ["/api/v1/indicators?area=%00", "indicators", "area"],
    ["/api/v1/tasks?unread=%00", "tasks", "unread"],
  ])("GET %s answers 422 naming the parameter", async (url, route, field) => {
    const reply = await call(routes[route]!, url);
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("VALIDATION");
    expect(reply.body.error.fieldErrors).toHaveProperty(field);
  });

  it("a NUL in a path segment is 422, not a database error", async () => {
    const reply = await call(routes.document!, "/api/v1/documents/a%00b", { params: { slug: "a\u0000b" } });
    expect(reply.status).toBe(422);
  });
});

describe("JSON bodies", () => {
  const draft = (fields: Record<string, unknown>) => ({
    intent: "draft",
    expectedVersion: 0,
    status: "ON_TRACK",
    progress: 10,
    progressText: "进展",
    ...fields,
  });

  it.each(UNSAFE.flatMap((text) => ["progressText", "problems", "nextSteps"].map((field) => [field, text] as const)))(
    "%s = %j in a task update is 422 and writes nothing",
    async (field, text) => {
      const before = await writes();
      const reply = await call(routes.updates!, `/api/v1/tasks/${taskId}/updates`, {
        params: { id: String(taskId) },
        body: draft({ [field]: text }),
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error.fieldErrors).toHaveProperty(field);
      expect(await writes()).toEqual(before);
    },
  );

  it("an unsafe object key is refused too", async () => {
    const reply = await call(routes.updates!, `/api/v1/tasks/${taskId}/updates`, {
      params: { id: String(taskId) },
      body: { ...draft({}), "k\u0000": 1 },
    });
    expect(reply.status).toBe(422);
  });

  it("a stale version with a lone surrogate is refused (422) before the version check", async () => {
    const first = await call(routes.updates!, `/api/v1/tasks/${taskId}/updates`, {
      params: { id: String(taskId) },
      body: draft({ progressText: "第一稿" }),
    });
    expect(first.status).toBe(201);
    const before = await writes();
    const stale = await call(routes.updates!, `/api/v1/tasks/${taskId}/updates`, {
      params: { id: String(taskId) },
      body: draft({ progressText: "\ud800" }),
    });
    expect(stale.status).toBe(422);
    expect(await writes()).toEqual(before);
  });
});

describe("multipart forms", () => {
  it("a NUL in a form field name, value or file name is 422 and stores nothing", async () => {
    for (const [name, value, fileName] of [
      ["title\u0000", "x", "a.pdf"],
      ["title", "a\u0000b", "a.pdf"],
      ["title", "x", "a\u0000.pdf"],
    ] as const) {
      const form = new FormData();
      form.set(name, value);
      form.set("file", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], fileName, { type: "application/pdf" }));
      const before = await writes();
      const reply = await call(routes.evidence!, `/api/tasks/${taskId}/evidence`, {
        params: { id: String(taskId) },
        rawBody: form,
      });
      expect(reply.status, `${JSON.stringify([name, value, fileName])}`).toBe(422);
      expect(await writes()).toEqual(before);
    }
  });
});

describe("the audit log never fails on the text it records", () => {
  it("records a stale report's rejected text with NUL and lone surrogates replaced by U+FFFD", async () => {
    const { writeAudit } = await import("../../lib/server/audit");
    const rejected = { progressText: "a\u0000b\ud800c\udc00", "k\u0000ey": ["\udfff\ud800", "好😀"] };
    const id = `${taskId}/probe`;
    await db.prisma.$transaction((tx) =>
      writeAudit(tx, editor, {
        action: "task_update.conflict",
        entityType: "task_update",
        entityId: id,
        after: { rejected },
      }),
    );
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { entityId: id }, select: { after: true } });
    expect(row.after).toEqual({
      rejected: { progressText: "a\ufffdb\ufffdc\ufffd", "k\ufffdey": ["\ufffd\ufffd", "好😀"] },
    });
  });
});
