/**
 * The 任务分工表 round trip against real PostgreSQL, through the route handlers (API tokens): the template
 * downloaded and filled programmatically with exceljs, CSV in UTF-8 and GB18030, all-or-nothing commits
 * checked in task_assignment, task_assignment_change and the audit log, the stale-preview guard, the
 * limits of the shared reader and the authorization of every path.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as ImportModule from "../../lib/server/assignment-import";
import type * as AssignmentsModule from "../../lib/server/assignments";
import { encodeGbk } from "../support/gbk";
import { issueApiToken, makeActor, setUpIntegrationDatabase } from "../support/integration";
import { writeZip } from "../support/zip";

type Who = "admin" | "reviewer" | "editor" | "viewer";
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const PLAN = "plan-2021-2025";
const db = setUpIntegrationDatabase({ documents: [PLAN, "work-points-2023"] });
let assignments: typeof AssignmentsModule;
let routes: { template: Handler; importFile: Handler };
const actors = {} as Record<Who, Actor>;
const tokens = {} as Record<Who, string>;
/** Plan tasks without a lead unit, in document order. */
let open: { id: number; number: string }[];
/** Three provincial units of the registry. */
let units: { id: number; name: string }[];
let period: { start: string; end: string };

const auth = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });

async function template(who: Who, format: "xlsx" | "csv", slug = PLAN): Promise<Response> {
  return routes.template(
    new Request(`http://localhost/api/documents/${slug}/assignments/template?format=${format}`, { headers: auth(who) }),
    { params: Promise.resolve({ slug }) },
  );
}

interface CommitFields {
  sha256?: string;
  version?: string;
  note?: string;
  effectiveDate?: string;
}

function post(who: Who, bytes: Uint8Array, name: string, intent: string, fields: CommitFields = {}, slug = PLAN) {
  const data = new FormData();
  data.set("document", slug);
  data.set("file", new File([bytes as BlobPart], name));
  data.set("intent", intent);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, value);
  return routes.importFile(
    new Request("http://localhost/api/v1/assignments/import", { method: "POST", body: data, headers: auth(who) }),
    { params: Promise.resolve({}) },
  );
}

async function preview(bytes: Uint8Array, name: string, who: Who = "admin"): Promise<ImportModule.AssignmentPreview> {
  const response = await post(who, bytes, name, "preview");
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ImportModule.AssignmentPreview;
}

async function commit(bytes: Uint8Array, name: string, p: ImportModule.AssignmentPreview, fields: CommitFields = {}) {
  return post("admin", bytes, name, "commit", {
    sha256: p.sha256,
    version: p.version,
    note: "依据重点任务分工方案",
    ...fields,
  });
}

const HEADER = ["编号", "标题", "原文单位", "牵头单位", "责任单位", "配合单位", "完成时限", "备注"];
type Row = (string | null)[];
const csv = (rows: Row[]) =>
  [HEADER, ...rows]
    .map((r) => r.map((c) => (c === null ? "" : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .join("\r\n") + "\r\n";
const utf8 = (rows: Row[]) => new TextEncoder().encode(`\uFEFF${csv(rows)}`);

async function counts() {
  return {
    changes: await db.prisma.taskAssignmentChange.count(),
    assignments: await db.prisma.taskAssignment.count(),
    audit: await db.prisma.auditLog.count({ where: { action: "task.assign" } }),
    milestones: await db.prisma.milestone.count(),
  };
}

async function leadsOf(taskId: number) {
  const rows = await db.prisma.taskAssignment.findMany({
    where: { taskId },
    orderBy: [{ role: "asc" }, { ordinal: "asc" }],
    select: { role: true, departmentId: true },
  });
  return rows.map((r) => `${r.role}:${r.departmentId}`);
}

beforeAll(async () => {
  assignments = await db.load(() => import("../../lib/server/assignments"));
  routes = {
    template: (await db.load(() => import("../../app/api/documents/[slug]/assignments/template/route"))).GET,
    importFile: (await db.load(() => import("../../app/api/v1/assignments/import/route"))).POST,
  };
  const someUnit = await db.prisma.department.findFirstOrThrow({
    where: { generic: false },
    select: { name: true },
  });
  const spec: Record<Who, [Actor["role"], string | null]> = {
    admin: ["ADMIN", null],
    reviewer: ["REVIEWER", null],
    editor: ["DEPARTMENT_EDITOR", someUnit.name],
    viewer: ["VIEWER", null],
  };
  for (const [who, [role, department]] of Object.entries(spec) as [Who, [Actor["role"], string | null]][]) {
    actors[who] = await makeActor(db.prisma, { username: `assign-${who}`, role, department });
    tokens[who] = await issueApiToken(db.prisma, actors[who].id, "assign");
  }
  const document = await db.prisma.document.findUniqueOrThrow({
    where: { slug: PLAN },
    select: { id: true, periodStart: true, periodEnd: true },
  });
  period = {
    start: document.periodStart.toISOString().slice(0, 10),
    end: document.periodEnd.toISOString().slice(0, 10),
  };
  open = await db.prisma.task.findMany({
    where: { documentId: document.id, hasLead: false, retiredAt: null },
    orderBy: { ordinal: "asc" },
    select: { id: true, number: true },
  });
  expect(open.length).toBeGreaterThan(20);
  units = await db.prisma.department.findMany({
    where: { generic: false, kind: "PROVINCIAL" },
    orderBy: { id: "asc" },
    take: 3,
    select: { id: true, name: true },
  });
  expect(units).toHaveLength(3);
}, 180_000);

describe("the template", () => {
  it("xlsx: the tasks sheet first, drop-downs from a hidden unit list by range, an instructions sheet", async () => {
    const response = await template("reviewer", "xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(PLAN);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [tasks, help, list] = workbook.worksheets;
    expect(tasks!.name).toBe("分工表");
    expect(help!.name).toBe("填写说明");
    expect(list!.state).toBe("hidden");
    expect((tasks!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const total = await db.prisma.task.count({ where: { document: { slug: PLAN }, retiredAt: null } });
    expect(tasks!.actualRowCount).toBe(total + 1);
    const registry = await db.prisma.department.count();
    expect(list!.actualRowCount).toBe(registry);
    const validation = tasks!.getCell("D2").dataValidation;
    expect(validation.type).toBe("list");
    // A range of the hidden sheet, not an inline list (Excel caps those at 255 characters).
    expect(validation.formulae?.[0]).toBe(`'单位名录'!$A$1:$A$${registry}`);
    expect(tasks!.getCell("F2").dataValidation.formulae?.[0]).toBe(validation.formulae?.[0]);
  });

  it("csv: UTF-8 with BOM, one row per current task", async () => {
    const response = await template("admin", "csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(HEADER.join(","));
  });

  it("editors and viewers get 403", async () => {
    for (const who of ["editor", "viewer"] as const) {
      expect((await template(who, "xlsx")).status).toBe(403);
    }
  });
});

describe("a good file", () => {
  it("xlsx round trip: download, fill three tasks, preview names them before → after, commit stores all three", async () => {
    const downloaded = new ExcelJS.Workbook();
    await downloaded.xlsx.load(await (await template("admin", "xlsx")).arrayBuffer());
    const sheet = downloaded.worksheets[0]!;
    const picked = open.slice(0, 3);
    const rowOf = new Map<string, number>();
    sheet.eachRow((row, n) => rowOf.set(String(row.getCell(1).value), n));
    const [a, b, c] = units as [(typeof units)[0], (typeof units)[0], (typeof units)[0]];
    sheet.getRow(rowOf.get(picked[0]!.number)!).getCell(4).value = a.name;
    sheet.getRow(rowOf.get(picked[0]!.number)!).getCell(6).value = `${b.name}，${c.name}`;
    sheet.getRow(rowOf.get(picked[0]!.number)!).getCell(8).value = "分工方案第一条";
    sheet.getRow(rowOf.get(picked[1]!.number)!).getCell(4).value = b.name;
    sheet.getRow(rowOf.get(picked[1]!.number)!).getCell(5).value = c.name;
    sheet.getRow(rowOf.get(picked[2]!.number)!).getCell(4).value = `${c.name}、${a.name}`;
    const bytes = new Uint8Array(await downloaded.xlsx.writeBuffer());

    const p = await preview(bytes, "分工表.xlsx");
    expect(p).toMatchObject({ format: "xlsx", changedCount: 3, errorCount: 0, canCommit: true });
    expect(p.errors).toEqual([]);
    expect(p.changes.map((change) => change.number)).toEqual(picked.map((t) => t.number));
    expect(p.changes[0]!.before.lead).toEqual([]);
    expect(p.changes[0]!.after).toMatchObject({
      lead: [{ id: a.id, name: a.name }],
      cooperating: [
        { id: b.id, name: b.name },
        { id: c.id, name: c.name },
      ],
    });
    const before = await counts();
    const response = await commit(bytes, "分工表.xlsx", p, { note: "依据分工方案" });
    expect(response.status, await response.clone().text()).toBe(201);
    const result = (await response.json()) as ImportModule.AssignmentImportResult;
    expect(result.changed).toBe(3);
    expect(result.tasks.map((t) => t.id)).toEqual(picked.map((t) => t.id));

    expect(await leadsOf(picked[0]!.id)).toEqual([`LEAD:${a.id}`, `COOPERATING:${b.id}`, `COOPERATING:${c.id}`]);
    expect(await leadsOf(picked[1]!.id)).toEqual([`LEAD:${b.id}`, `RESPONSIBLE:${c.id}`]);
    expect(await leadsOf(picked[2]!.id)).toEqual([`LEAD:${c.id}`, `LEAD:${a.id}`]);
    const tasks = await db.prisma.task.findMany({
      where: { id: { in: picked.map((t) => t.id) } },
      select: { hasLead: true, assignmentDecided: true },
    });
    expect(tasks.every((t) => t.hasLead && t.assignmentDecided)).toBe(true);

    const history = await db.prisma.taskAssignmentChange.findMany({
      where: { batchId: result.batchId },
      orderBy: { taskId: "asc" },
    });
    expect(history).toHaveLength(3);
    expect(new Set(history.map((h) => h.channel))).toEqual(new Set(["TABLE"]));
    expect(history.map((h) => h.actorId)).toEqual([actors.admin.id, actors.admin.id, actors.admin.id]);
    // The row's 备注 wins; the form's reason covers the rows without one.
    const notes = new Map(history.map((h) => [h.taskId, h.note]));
    expect(notes.get(picked[0]!.id)).toBe("分工方案第一条");
    expect(notes.get(picked[1]!.id)).toBe("依据分工方案");
    expect(history[0]!.before).toMatchObject({ lead: [], responsible: [], cooperating: [] });
    const after = await counts();
    expect(after.changes - before.changes).toBe(3);
    expect(after.audit - before.audit).toBe(3);
    expect(after.assignments - before.assignments).toBe(7);

    // The same file again: every row now equals the current assignment — counted, nothing to store.
    const again = await preview(bytes, "分工表.xlsx");
    expect(again).toMatchObject({ changedCount: 0, errorCount: 0, canCommit: false });
    expect(again.unchangedCount).toBeGreaterThanOrEqual(3);
    expect(again.changes).toEqual([]);
  });

  it("GB18030 CSV, an alias, a short name, the 省 prefix left off, and a deadline inside the period", async () => {
    const [a, b] = units as [(typeof units)[0], (typeof units)[0]];
    await db.prisma.departmentAlias.create({ data: { departmentId: b.id, alias: "测试旧称委员会" } });
    const task = open[5]!;
    const hasText = await db.prisma.milestone.count({ where: { taskId: task.id, retiredAt: null } });
    const deadline = hasText ? null : `${period.end.slice(0, 4)}年6月`;
    const bytes = encodeGbk(
      csv([[task.number, null, null, a.name.replace(/^省/, ""), "测试旧称委员会", null, deadline, "调整"]]),
    );
    const p = await preview(bytes, "gbk.csv");
    expect(p).toMatchObject({ encoding: "gb18030", changedCount: 1, errorCount: 0 });
    expect(p.changes[0]!.after.lead).toEqual([{ id: a.id, name: a.name }]);
    expect(p.changes[0]!.after.responsible).toEqual([{ id: b.id, name: b.name }]);
    if (deadline) expect(p.changes[0]!.after.deadline).toBe(`${period.end.slice(0, 4)}-06-30`);
    const response = await commit(bytes, "gbk.csv", p);
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await leadsOf(task.id)).toEqual([`LEAD:${a.id}`, `RESPONSIBLE:${b.id}`]);
    if (deadline) {
      const assigned = await db.prisma.task.findUniqueOrThrow({ where: { id: task.id }, select: { deadline: true } });
      expect(assigned.deadline?.toISOString().slice(0, 10)).toBe(`${period.end.slice(0, 4)}-06-30`);
    }
  });
});

describe("a file with any bad row stores none", () => {
  it("names every bad row with its column and reason, and the commit is refused with nothing written", async () => {
    const [a, b] = units as [(typeof units)[0], (typeof units)[0]];
    const typo = `${a.name.slice(0, -1)}厅局`;
    const rows: Row[] = [
      [open[10]!.number, null, null, a.name, null, null, null, null], // good
      [open[11]!.number, null, null, typo, null, null, null, null], // unknown unit
      ["9999", null, null, a.name, null, null, null, null], // unknown task
      [open[10]!.number, null, null, b.name, null, null, null, null], // the same task twice
      [open[12]!.number, null, null, a.name, a.name, null, null, null], // a unit in two roles
      [open[13]!.number, null, null, a.name, null, null, "2040-01-01", null], // outside the period
      [open[14]!.number, null, null, a.name, null, null, "明年", null], // not a date
      [open[15]!.number, null, null, null, b.name, null, null, null], // no lead
    ];
    const bytes = utf8(rows);
    const p = await preview(bytes, "bad.csv");
    expect(p.canCommit).toBe(false);
    expect(p.changedCount).toBe(1);
    const byRow = new Map(p.errors.map((e) => [e.rowNumber, e.issues]));
    expect([...byRow.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(byRow.get(3)![0]).toMatchObject({ column: "lead", code: "unknownUnit" });
    // The closest registry names are suggested, never created.
    expect(byRow.get(3)![0]!.message).toContain(a.name);
    expect(byRow.get(3)![0]!.message).toMatch(/^牵头单位：单位名录中没有“.+”；是否为：/);
    expect(byRow.get(4)![0]).toMatchObject({ column: "number", code: "unknownTask" });
    expect(byRow.get(5)![0]).toMatchObject({ column: "number", code: "duplicateTask", params: { row: 2 } });
    expect(byRow.get(6)![0]).toMatchObject({ column: "responsible", code: "unitInTwoRoles" });
    expect(byRow.get(6)![0]!.message).toContain("已列为牵头单位");
    expect(byRow.get(7)![0]).toMatchObject({ column: "deadline", code: "deadlineOutsidePeriod" });
    expect(byRow.get(8)![0]).toMatchObject({ column: "deadline", code: "deadlineFormat" });
    expect(byRow.get(9)![0]).toMatchObject({ column: "lead", code: "leadRequired" });

    const before = await counts();
    const response = await commit(bytes, "bad.csv", p);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string; current: ImportModule.AssignmentPreview } };
    expect(body.error.message).toBe("文件中有 7 行有误，分工均未调整");
    expect(body.error.current.errors).toHaveLength(7);
    expect(await counts()).toEqual(before);
    expect(await leadsOf(open[10]!.id)).toEqual([]);
    expect(await db.prisma.department.count({ where: { name: typo } })).toBe(0);
  });

  it("in English for an English request", async () => {
    const bytes = utf8([["9999", null, null, units[0]!.name, null, null, null, null]]);
    const data = new FormData();
    data.set("document", PLAN);
    data.set("file", new File([bytes as BlobPart], "en.csv"));
    const response = await routes.importFile(
      new Request("http://localhost/api/v1/assignments/import", {
        method: "POST",
        body: data,
        headers: { ...auth("admin"), "accept-language": "en" },
      }),
      { params: Promise.resolve({}) },
    );
    const p = (await response.json()) as ImportModule.AssignmentPreview;
    expect(p.errors[0]!.issues[0]!.message).toBe("No.: This document has no task “9999”");
  });
});

describe("a unit merged away by institutional reform", () => {
  it("is refused by its own name with the unit it was merged into named, and nothing is assigned to it", async () => {
    const [a] = units as [(typeof units)[0]];
    const gone = await db.prisma.department.create({
      data: { name: "省分工表测试撤并局", mergedIntoId: a.id, mergedOn: new Date("2025-03-01") },
    });
    const bytes = utf8([[open[16]!.number, null, null, gone.name, null, null, null, null]]);
    const p = await preview(bytes, "merged.csv");
    expect(p.canCommit).toBe(false);
    const issue = p.errors[0]!.issues[0]!;
    expect(issue).toMatchObject({ column: "lead", code: "retiredUnit", params: { successor: a.name } });
    expect(issue.message).toContain(a.name);
    const before = await counts();
    expect((await commit(bytes, "merged.csv", p)).status).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe("the commit confirms what the preview showed", () => {
  it("refuses when a task changed after the preview (409), and when the file differs", async () => {
    const task = open[20]!;
    const bytes = utf8([[task.number, null, null, units[0]!.name, null, null, null, null]]);
    const p = await preview(bytes, "stale.csv");
    expect(p.changedCount).toBe(1);
    // Someone assigns the task in the browser meanwhile.
    await assignments.assignTask(
      actors.reviewer,
      task.id,
      {
        lead: [units[1]!.id],
        responsible: [],
        cooperating: [],
        note: "浏览器中调整",
        effectiveDate: period.start > "2026-01-01" ? period.start : "2026-01-01",
      },
      "BROWSER",
    );
    const before = await counts();
    const stale = await commit(bytes, "stale.csv", p);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toBe(
      "预览之后这些任务的分工已被他人调整，请重新预览",
    );
    const other = await commit(utf8([[task.number, null, null, units[2]!.name, null, null, null, null]]), "x.csv", p);
    expect(other.status).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await leadsOf(task.id)).toEqual([`LEAD:${units[1]!.id}`]);
  });

  it("requires a reason and a valid effective date", async () => {
    const task = open[21]!;
    const bytes = utf8([[task.number, null, null, units[0]!.name, null, null, null, null]]);
    const p = await preview(bytes, "note.csv");
    const before = await counts();
    const noNote = await commit(bytes, "note.csv", p, { note: "" });
    expect(noNote.status).toBe(422);
    expect(((await noNote.json()) as { error: { message: string } }).error.message).toMatch(/请填写调整说明/);
    const future = await commit(bytes, "note.csv", p, { effectiveDate: "2999-01-01" });
    expect(future.status).toBe(422);
    const early = await commit(bytes, "note.csv", p, { effectiveDate: "2000-01-01" });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain(period.start);
    expect(await counts()).toEqual(before);
  });
});

describe("limits and malformed files", () => {
  const refuse = async (bytes: Uint8Array, name: string, status: number, message: RegExp) => {
    const before = await counts();
    const response = await post("admin", bytes, name, "preview");
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  it("too large, too many rows, old xls, not a spreadsheet, missing columns, no rows, unknown document", async () => {
    await refuse(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x31), "big.csv", 413, /超过 2 MB/);
    const many = Array.from({ length: 5001 }, (_, i): Row => [String(i), null, null, "x", null, null, null, null]);
    await refuse(new TextEncoder().encode(csv(many)), "many.csv", 422, /超过 5000 行/);
    await refuse(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      "old.xls",
      415,
      /旧版 \.xls/,
    );
    await refuse(new Uint8Array([0, 1, 2, 3, 0, 0, 7, 8]), "x.bin", 415, /仅支持/);
    await refuse(new TextEncoder().encode("标题,备注\r\na,b\r\n"), "cols.csv", 422, /缺少列：编号、牵头单位/);
    await refuse(
      utf8([[open[0]!.number, "仅标题", null, null, null, null, null, null]]),
      "none.csv",
      422,
      /没有填写分工/,
    );
    await refuse(writeZip([{ name: "junk.txt", data: new Uint8Array(10) }]), "junk.xlsx", 422, /./);
    const response = await post(
      "admin",
      utf8([["1", null, null, "x", null, null, null, null]]),
      "a.csv",
      "preview",
      {},
      "no-such-doc",
    );
    expect(response.status).toBe(404);
  });

  it("a workbook whose entries inflate past the limit is refused before ExcelJS reads it", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("分工表").addRow(HEADER);
    const entries = await (await import("jszip")).default.loadAsync(await workbook.xlsx.writeBuffer());
    const files = await Promise.all(
      Object.values(entries.files)
        .filter((f) => !f.dir)
        .map(async (f) => ({ name: f.name, data: await f.async("uint8array") })),
    );
    const bomb = writeZip([
      ...files,
      { name: "xl/media/image1.bin", data: new Uint8Array(64 * 1024 * 1024), declaredSize: 1024 },
    ]);
    await refuse(bomb, "bomb.xlsx", 422, /已损坏或结构异常/);
  });
});

describe("authorization", () => {
  it("editors and viewers get 403 at preview and at commit, and nothing is written", async () => {
    const bytes = utf8([[open[30]!.number, null, null, units[0]!.name, null, null, null, null]]);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const before = await counts();
    for (const who of ["editor", "viewer"] as const) {
      expect((await post(who, bytes, "x.csv", "preview")).status).toBe(403);
      const response = await post(who, bytes, "x.csv", "commit", { sha256, version: "0".repeat(64), note: "x" });
      expect(response.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
    expect(await leadsOf(open[30]!.id)).toEqual([]);
  });

  it("a reviewer may commit", async () => {
    const bytes = utf8([[open[31]!.number, null, null, units[0]!.name, null, null, null, null]]);
    const p = await preview(bytes, "r.csv", "reviewer");
    const response = await post("reviewer", bytes, "r.csv", "commit", {
      sha256: p.sha256,
      version: p.version,
      note: "督导调整",
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await leadsOf(open[31]!.id)).toEqual([`LEAD:${units[0]!.id}`]);
  });
});
