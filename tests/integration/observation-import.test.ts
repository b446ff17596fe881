/**
 * Bulk entry of actual values: real xlsx files built with exceljs, CSV in UTF-8 (with BOM) and GB18030,
 * through the route handlers (API tokens) and the lib functions, against real PostgreSQL.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as ImportModule from "../../lib/server/observation-import";
import type * as ObservationsModule from "../../lib/server/observations";
import { issueApiToken, makeActor, setUpIntegrationDatabase } from "../support/integration";
import { encodeGbk } from "../support/gbk";
import { streamedBody, streamedRequest } from "../support/streamed-body";
import { zipEntries } from "../support/office";
import { assembleZip, deflatedZeros, pack, writeZip } from "../support/zip";

type Who = "reviewer" | "lead" | "other" | "viewer";
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const db = setUpIntegrationDatabase({ documents: "all" });
let imports: typeof ImportModule;
let obs: typeof ObservationsModule;
let errors: typeof ErrorsModule;
let routes: { template: Handler; importFile: Handler };
const actors = {} as Record<Who, Actor>;
const tokens = {} as Record<Who, string>;
/** 5G base stations, which the lead's department may record and the other's may not. */
const FIVE_G = "5g-base-stations";
/** An indicator the other department may record. */
let otherKey: string;

async function actorWithToken(who: Who, role: Actor["role"], department: string | null): Promise<Actor> {
  const actor = await makeActor(db.prisma, { username: `imp-${who}`, role, department });
  tokens[who] = await issueApiToken(db.prisma, actor.id, "import");
  return actor;
}

const HEADER = ["指标编号", "指标名称", "单位", "数值", "统计时点", "来源", "来源说明", "备注"];
type Row = (string | number | Date | null)[];

async function xlsx(rows: Row[], header = HEADER): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("实际值");
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const csvText = (rows: Row[]) =>
  [HEADER, ...rows]
    .map((r) => r.map((c) => (c === null ? "" : /[",\n]/.test(String(c)) ? `"${String(c)}"` : String(c))).join(","))
    .join("\r\n") + "\r\n";

const utf8Bom = (rows: Row[]) => new TextEncoder().encode(`\uFEFF${csvText(rows)}`);

function form(bytes: Uint8Array, name: string, intent: "preview" | "commit", sha256?: string): FormData {
  const data = new FormData();
  data.set("file", new File([bytes as BlobPart], name));
  data.set("intent", intent);
  if (sha256) data.set("sha256", sha256);
  return data;
}

const post = (who: Who, body: FormData) =>
  routes.importFile(
    new Request("http://localhost/api/indicators/observations/import", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${tokens[who]}` },
    }),
    { params: Promise.resolve({}) },
  );

async function previewVia(who: Who, bytes: Uint8Array, name: string) {
  const response = await post(who, form(bytes, name, "preview"));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ImportModule.ImportPreview;
}

// Refusals are audited as security events (lib/server/security-events.ts); they are not writes of data.
async function counts() {
  return {
    observations: await db.prisma.observation.count(),
    audit: await db.prisma.auditLog.count({ where: { action: { not: "security.forbidden" } } }),
  };
}

beforeAll(async () => {
  imports = await db.load(() => import("../../lib/server/observation-import"));
  obs = await db.load(() => import("../../lib/server/observations"));
  errors = await db.load(() => import("../../lib/server/errors"));
  routes = {
    template: (await import("../../app/api/indicators/observations/template/route")).GET as Handler,
    importFile: (await import("../../app/api/indicators/observations/import/route")).POST as Handler,
  };
  const leadsOf = async (key: string) =>
    (
      await db.prisma.department.findMany({
        where: {
          assignments: {
            some: { role: "LEAD", task: { retiredAt: null, indicators: { some: { indicator: { key } } } } },
          },
        },
        select: { name: true },
      })
    ).map((d) => d.name);
  const fiveGLeads = await leadsOf(FIVE_G);
  expect(fiveGLeads.length).toBeGreaterThan(0);
  // Another department that leads a task with an indicator, but none with 5G base stations.
  const candidates = await db.prisma.taskIndicator.findMany({
    where: { indicator: { key: { not: FIVE_G }, mergedIntoId: null } },
    select: {
      indicator: { select: { key: true } },
      task: {
        select: { assignments: { where: { role: "LEAD" }, select: { department: { select: { name: true } } } } },
      },
    },
    orderBy: { indicatorId: "asc" },
  });
  const pick = candidates
    .flatMap((c) => c.task.assignments.map((a) => ({ key: c.indicator.key, department: a.department.name })))
    .find((c) => !fiveGLeads.includes(c.department));
  if (!pick) throw new Error("the seed should link an indicator to a department that does not lead 5G");
  otherKey = pick.key;
  actors.reviewer = await actorWithToken("reviewer", "REVIEWER", null);
  actors.lead = await actorWithToken("lead", "DEPARTMENT_EDITOR", fiveGLeads[0]!);
  actors.other = await actorWithToken("other", "DEPARTMENT_EDITOR", pick.department);
  actors.viewer = await actorWithToken("viewer", "VIEWER", null);
}, 120_000);

describe("template", () => {
  const get = (who: Who, format: string) =>
    routes.template(
      new Request(`http://localhost/api/indicators/observations/template?format=${format}`, {
        headers: { authorization: `Bearer ${tokens[who]}` },
      }),
      { params: Promise.resolve({}) },
    );

  it("is a real workbook: frozen header, a source list, one pre-filled row per recordable indicator, instructions", async () => {
    const response = await get("lead", "xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toMatch(/filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["实际值", "填写说明"]);
    const sheet = workbook.getWorksheet("实际值")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getCell("F2").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"统计公报,部门报送,政策文件,其他"'],
    });
    const keys: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) keys.push(String(row.getCell(1).value));
    });
    const recordable = await imports.listRecordableIndicators(actors.lead);
    expect(keys.sort()).toEqual(recordable.map((i) => i.key).sort());
    expect(keys).toContain(FIVE_G);
    // Another department's template lists its own indicators only.
    const others = (await imports.listRecordableIndicators(actors.other)).map((i) => i.key);
    expect(others).toContain(otherKey);
    expect(others).not.toContain(FIVE_G);
    const fiveG = sheet.getRows(2, keys.length)!.find((r) => r.getCell(1).value === FIVE_G)!;
    expect([fiveG.getCell(2).value, fiveG.getCell(3).value, fiveG.getCell(4).value]).toEqual(["5G基站数", "个", null]);
    expect(String(workbook.getWorksheet("填写说明")!.getCell("A2").value)).toMatch(/^1\. /);
    // The downloaded template, untouched and then filled in, passes the verifying zip reader.
    const untouched = await post(
      "lead",
      form(new Uint8Array(await (await get("lead", "xlsx")).arrayBuffer()), "t.xlsx", "preview"),
    );
    expect(untouched.status).toBe(422);
    expect(((await untouched.json()) as { error: { message: string } }).error.message).toMatch(/没有填写数值/);
    fiveG.getCell(4).value = 190000;
    fiveG.getCell(5).value = "2023-12-31";
    fiveG.getCell(6).value = "统计公报";
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await post("lead", form(filled, "filled.xlsx", "preview"));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ format: "xlsx", okCount: 1 });
  });

  it("as CSV is UTF-8 with a BOM, and an untouched template previews as all rows skipped", async () => {
    const response = await get("reviewer", "csv");
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.split("\r\n")[0]).toBe(`\uFEFF${HEADER.join(",")}`);
    expect(text).toContain(`${FIVE_G},5G基站数,个,,,,,`);
    // Nothing filled in: nothing to import.
    const refused = await post("reviewer", form(bytes, "template.csv", "preview"));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/没有填写数值/);
  });

  it("does not offer an indicator a re-import left outside the catalogue (no target, baseline or value)", async () => {
    // Linked to a task the lead's department leads, so the lead may record it, but nothing defines it.
    const leadTask = await db.prisma.taskIndicator.findFirstOrThrow({
      where: {
        indicator: { key: FIVE_G },
        task: { retiredAt: null, assignments: { some: { role: "LEAD", departmentId: actors.lead.departmentId! } } },
      },
      select: { taskId: true },
    });
    const retired = await db.prisma.indicator.create({
      data: {
        key: "retired-by-reimport",
        name: "已不在文件中的指标",
        unit: "个",
        area: "数字基础设施",
        tasks: { create: { taskId: leadTask.taskId } },
      },
    });
    try {
      const { listRecordableIndicatorIds } = await import("../../lib/server/observations");
      expect((await listRecordableIndicatorIds(db.prisma, actors.lead)).has(retired.id)).toBe(true);
      for (const who of ["lead", "reviewer"] as const) {
        expect((await imports.listRecordableIndicators(actors[who])).map((i) => i.key)).not.toContain(retired.key);
        const text = new TextDecoder().decode(await (await get(who, "csv")).arrayBuffer());
        expect(text).toContain(`${FIVE_G},`);
        expect(text).not.toContain(retired.key);
      }
    } finally {
      await db.prisma.indicator.delete({ where: { id: retired.id } });
    }
  });

  it("is refused to those who may record nothing", async () => {
    expect((await get("viewer", "xlsx")).status).toBe(403);
    expect(await imports.canImportObservations(actors.viewer)).toBe(false);
    expect(await imports.canImportObservations(actors.other)).toBe(true);
  });
});

describe("preview and commit", () => {
  it("a file with bad rows reports each one by row number, column and reason, and stores nothing", async () => {
    const bytes = await xlsx([
      [FIVE_G, "5G基站数", "个", "185,000", "2023-06-30", "统计公报", "2023年上半年通信业统计", null],
      [FIVE_G, null, null, "约18万", "2023-09-30", "统计公报", null, null],
      [FIVE_G, null, null, 190000, "2023-02-30", "部门报送", null, null],
      ["no-such-indicator", null, null, 1, "2023-06-30", "其他", null, null],
      [FIVE_G, null, null, 186000, "2099-01-01", "传闻", null, null],
      [FIVE_G, null, null, 185500, "2023/6/30", "统计公报", null, null],
      [null, null, null, null, null, null, null, null],
      ["iot-terminals", "物联网终端数", "个", null, null, null, null, null],
    ]);
    const before = await counts();
    const preview = await previewVia("reviewer", bytes, "有误.xlsx");
    expect(preview).toMatchObject({ format: "xlsx", canCommit: false, okCount: 1, errorCount: 5, skipped: 1 });
    const problems = preview.rows.map((r) => [r.rowNumber, r.status, r.issues.map((i) => `${i.column}:${i.code}`)]);
    expect(problems).toEqual([
      [2, "ok", []],
      [3, "error", ["value:notANumber"]],
      [4, "error", ["asOf:dateInvalid"]],
      [5, "error", ["key:unknownIndicator"]],
      [6, "error", ["asOf:dateFuture", "source:sourceUnknown"]],
      [7, "error", ["asOf:duplicateInFile"]],
    ]);
    expect(preview.rows[0]).toMatchObject({ value: 185000, asOf: "2023-06-30", source: "STATISTICAL_BULLETIN" });
    expect(preview.rows[0]!.indicator).toMatchObject({ name: "5G基站数", unit: "个" });
    // In the request's language: without Accept-Language, the default (zh-CN) only.
    expect(preview.rows[1]!.issues[0]!.message).toMatch(/^数值：数值无法识别[^a-z]*$/);
    expect(preview.rows[5]!.issues[0]!.message).toContain("与第 2 行的指标和统计时点重复");

    const commit = await post("reviewer", form(bytes, "有误.xlsx", "commit", preview.sha256));
    expect(commit.status).toBe(422);
    const body = (await commit.json()) as { error: { message: string; current: ImportModule.ImportPreview } };
    expect(body.error.message).toMatch(/5 行有误，整个文件未导入/);
    expect(body.error.current.errorCount).toBe(5);
    expect(await counts()).toEqual(before);
  });

  it("a good UTF-8 CSV stores every row in the indicator's unit, audited per row with the batch", async () => {
    await db.prisma.indicator.update({ where: { key: otherKey }, data: { unitScale: 10 } });
    const otherUnit = (await db.prisma.indicator.findUniqueOrThrow({ where: { key: otherKey } })).unit;
    const otherValue = otherUnit === "%" ? "55.5%" : "1,234";
    // An indicator named after the documents: its key carries full-width brackets.
    const named = await db.prisma.indicator.findFirstOrThrow({
      where: { key: { startsWith: "name:", contains: "（" }, mergedIntoId: null },
      select: { key: true, unit: true },
    });
    const bytes = utf8Bom([
      [FIVE_G, "5G基站数", "个", "16.2万", "2022-12-31", "统计公报", "2022年统计公报", "年末数"],
      [FIVE_G, "5G基站数", "个", "120,500", "2022-06-30", "STATISTICAL_BULLETIN", null, null],
      [otherKey, null, null, otherValue, "2022年12月31日", "部门报送", null, "含, 逗号的备注"],
      [named.key, null, named.unit, "12", "2022-12-31", "其他", null, null],
    ]);
    const preview = await previewVia("reviewer", bytes, "良好.csv");
    expect(preview).toMatchObject({ format: "csv", encoding: "utf-8", canCommit: true, okCount: 4, errorCount: 0 });
    const before = await counts();
    const response = await post("reviewer", form(bytes, "良好.csv", "commit", preview.sha256));
    expect(response.status, await response.clone().text()).toBe(201);
    const result = (await response.json()) as ImportModule.ImportResult;
    expect(result.stored).toBe(4);
    expect(await counts()).toEqual({ observations: before.observations + 4, audit: before.audit + 4 });
    const stored = await db.prisma.observation.findMany({
      where: { id: { in: result.observationIds } },
      orderBy: { id: "asc" },
      select: {
        value: true,
        normalizedValue: true,
        asOf: true,
        source: true,
        sourceDetail: true,
        note: true,
        enteredById: true,
        isSample: true,
      },
    });
    const expectedOther = otherUnit === "%" ? 55.5 : 1234;
    expect(stored.map((s) => [Number(s.value), Number(s.normalizedValue), s.asOf.toISOString().slice(0, 10)])).toEqual([
      [162000, 162000, "2022-12-31"],
      [120500, 120500, "2022-06-30"],
      [expectedOther, expectedOther * 10, "2022-12-31"],
      [12, 12, "2022-12-31"],
    ]);
    expect(stored[0]).toMatchObject({
      source: "STATISTICAL_BULLETIN",
      sourceDetail: "2022年统计公报",
      note: "年末数",
      enteredById: actors.reviewer.id,
      isSample: false,
    });
    expect(stored[2]!.note).toBe("含, 逗号的备注");
    const audit = await db.prisma.auditLog.findMany({
      where: { action: "observation.import", entityId: { in: result.observationIds.map(String) } },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ actorId: actors.reviewer.id, entityType: "observation" });
    expect(audit[0]!.after).toMatchObject({
      value: 162000,
      asOf: "2022-12-31",
      batch: { fileName: "良好.csv", sha256: preview.sha256, row: 2, rows: 4 },
    });
    expect(result.indicators.map((i) => [i.key, i.count]).sort()).toEqual(
      [
        [FIVE_G, 2],
        [otherKey, 1],
        [named.key, 1],
      ].sort(),
    );
    // The values show in the indicator's history like single entries.
    const fiveGId = (await db.prisma.indicator.findUniqueOrThrow({ where: { key: FIVE_G } })).id;
    const history = await obs.listObservations(fiveGId);
    expect(history.find((h) => h.asOf === "2022-12-31")).toMatchObject({ value: 162000, enteredBy: "imp-reviewer" });

    // A single entry normalises the same way.
    const single = await obs.recordObservation(actors.reviewer, {
      indicatorId: (await db.prisma.indicator.findUniqueOrThrow({ where: { key: otherKey } })).id,
      value: 7,
      asOf: "2020-12-31",
      source: "OTHER",
    });
    const singleRow = await db.prisma.observation.findUniqueOrThrow({ where: { id: single.id } });
    expect(Number(singleRow.normalizedValue)).toBe(70);

    // The same file again: every row repeats a current value.
    const again = await previewVia("reviewer", bytes, "良好.csv");
    expect(again.canCommit).toBe(false);
    expect(again.rows.map((r) => r.issues.map((i) => i.code))).toEqual([
      ["duplicateExisting"],
      ["duplicateExisting"],
      ["duplicateExisting"],
      ["duplicateExisting"],
    ]);
  });

  it("each audit entry names the file row of its own value, whatever order the database returns the rows in", async () => {
    const { getDb } = await import("../../lib/server/db");
    const prisma = getDb();
    // PostgreSQL does not promise that INSERT … RETURNING answers in the order of the VALUES: let the real
    // rows come back reversed, as a plan is free to return them.
    const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
    const reversing = (tx: object) =>
      new Proxy(tx, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (property !== "observation") return value;
          return new Proxy(value as object, {
            get(delegate, name, r) {
              const method: unknown = Reflect.get(delegate, name, r);
              if (name !== "createManyAndReturn") return method;
              return async (args: unknown) =>
                ((await (method as (a: unknown) => Promise<unknown[]>).call(delegate, args)) as unknown[]).reverse();
            },
          });
        },
      });
    const spy = vi
      .spyOn(prisma, "$transaction")
      .mockImplementation(((fn: (tx: object) => Promise<unknown>, options: unknown) =>
        transaction((tx: object) => fn(reversing(tx)), options)) as never);
    try {
      const bytes = utf8Bom([
        [FIVE_G, null, null, "101000", "2021-03-31", "统计公报", "说明2", "第2行"],
        [FIVE_G, null, null, "102000", "2021-06-30", "部门报送", "说明3", "第3行"],
        [otherKey, null, null, "3", "2021-06-30", "其他", "说明4", "第4行"],
      ]);
      const preview = await imports.previewObservationImport(actors.reviewer, { name: "order.csv", bytes });
      expect(preview.canCommit).toBe(true);
      const result = await imports.commitObservationImport(
        actors.reviewer,
        { name: "order.csv", bytes },
        preview.sha256,
      );
      expect(spy).toHaveBeenCalled();
      const stored = await db.prisma.observation.findMany({
        where: { id: { in: result.observationIds } },
        select: { id: true, note: true, sourceDetail: true, value: true },
      });
      // The ids come back in the file's order.
      expect(result.observationIds.map((id) => stored.find((o) => o.id === id)!.note)).toEqual([
        "第2行",
        "第3行",
        "第4行",
      ]);
      const audit = await db.prisma.auditLog.findMany({
        where: { action: "observation.import", entityId: { in: result.observationIds.map(String) } },
      });
      expect(audit).toHaveLength(3);
      for (const entry of audit) {
        const row = stored.find((o) => String(o.id) === entry.entityId)!;
        const after = entry.after as { note: string; sourceDetail: string; value: number; batch: { row: number } };
        expect(row.note).toBe(`第${after.batch.row}行`);
        expect(after).toMatchObject({ note: row.note, sourceDetail: row.sourceDetail, value: Number(row.value) });
      }
    } finally {
      spy.mockRestore();
    }
  });

  it("a GB18030 CSV from WPS/Excel is decoded and stored; another value on a recorded date is a warning", async () => {
    const text = csvText([
      [FIVE_G, "5G基站数", "个", "163000", "2022-12-31", "部门报送", "通信管理局报送", "修订口径"],
      [FIVE_G, "5G基站数", "个", "98000", "2022-03-31", "其他", null, null],
    ]);
    const bytes = encodeGbk(text);
    const preview = await previewVia("lead", bytes, "gbk.csv");
    expect(preview).toMatchObject({ encoding: "gb18030", canCommit: true, okCount: 2, warningCount: 1 });
    expect(preview.rows[0]!.issues).toMatchObject([
      { column: "asOf", code: "sameDateExisting", severity: "warning", params: { values: "162000" } },
    ]);
    expect(preview.rows[0]!.sourceDetail).toBe("通信管理局报送");
    const response = await post("lead", form(bytes, "gbk.csv", "commit", preview.sha256));
    expect(response.status).toBe(201);
    const result = (await response.json()) as ImportModule.ImportResult;
    const rows = await db.prisma.observation.findMany({ where: { id: { in: result.observationIds } } });
    expect(rows.map((r) => [r.note, r.enteredById])).toContainEqual(["修订口径", actors.lead.id]);
  });

  it("a file mixing an indicator the editor may not record is refused entirely (403), nothing stored", async () => {
    const bytes = await xlsx([
      [otherKey, null, null, 10, "2021-12-31", "部门报送", null, null],
      [FIVE_G, null, null, 77777, "2021-12-31", "部门报送", null, null],
    ]);
    const preview = await previewVia("other", bytes, "mixed.xlsx");
    expect(preview).toMatchObject({ canCommit: false, forbiddenCount: 1 });
    expect(preview.rows[1]!.issues.map((i) => `${i.column}:${i.code}`)).toEqual(["key:notAllowed"]);
    const before = await counts();
    const refusalsBefore = await db.prisma.auditLog.count({ where: { action: "security.forbidden" } });
    const response = await post("other", form(bytes, "mixed.xlsx", "commit", preview.sha256));
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await db.prisma.auditLog.count({ where: { action: "security.forbidden" } })).toBe(refusalsBefore + 1);
    // Through the library too.
    await expect(
      imports.commitObservationImport(actors.other, { name: "m.xlsx", bytes }, preview.sha256),
    ).rejects.toSatisfy((e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("the commit validates again: a value recorded since the preview refuses the file", async () => {
    const bytes = await xlsx([
      [FIVE_G, null, null, 150000, "2022-09-30", "统计公报", null, null],
      [FIVE_G, null, null, 140000, new Date("2022-08-31T00:00:00Z"), "统计公报", null, null],
    ]);
    const preview = await imports.previewObservationImport(actors.reviewer, { name: "a.xlsx", bytes });
    expect(preview.canCommit).toBe(true);
    expect(preview.rows[1]!.asOf).toBe("2022-08-31");
    const fiveGId = (await db.prisma.indicator.findUniqueOrThrow({ where: { key: FIVE_G } })).id;
    await obs.recordObservation(actors.reviewer, {
      indicatorId: fiveGId,
      value: 150000,
      asOf: "2022-09-30",
      source: "STATISTICAL_BULLETIN",
    });
    const before = await counts();
    await expect(
      imports.commitObservationImport(actors.reviewer, { name: "a.xlsx", bytes }, preview.sha256),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof errors.AppError &&
        e.code === "VALIDATION" &&
        (e.extra.current as ImportModule.ImportPreview).rows[0]!.issues[0]!.code === "duplicateExisting",
    );
    // A file other than the one previewed is refused before anything is read.
    const changed = await xlsx([[FIVE_G, null, null, 140000, "2022-08-31", "统计公报", null, null]]);
    await expect(
      imports.commitObservationImport(actors.reviewer, { name: "a.xlsx", bytes: changed }, preview.sha256),
    ).rejects.toSatisfy((e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT");
    expect(await counts()).toEqual(before);
  });

  it("a value entered for an indicator merged into the file's indicator counts as already recorded", async () => {
    const [survivor, merged] = await db.prisma.indicator.findMany({
      where: {
        unit: "个",
        mergedIntoId: null,
        key: { notIn: [FIVE_G, otherKey] },
        NOT: { key: { startsWith: "name:" } },
      },
      orderBy: { id: "asc" },
      take: 2,
      select: { id: true, key: true },
    });
    await obs.recordObservation(actors.reviewer, {
      indicatorId: merged!.id,
      value: 4321,
      asOf: "2021-06-30",
      source: "OTHER",
    });
    await db.prisma.indicator.update({ where: { id: merged!.id }, data: { mergedIntoId: survivor!.id } });
    try {
      const repeat = utf8Bom([[survivor!.key, null, null, "4321", "2021-06-30", "其他", null, null]]);
      const preview = await previewVia("reviewer", repeat, "merged.csv");
      expect(preview.canCommit).toBe(false);
      expect(preview.rows[0]!.issues.map((i) => `${i.column}:${i.code}`)).toEqual(["value:duplicateExisting"]);
      const before = await counts();
      expect((await post("reviewer", form(repeat, "merged.csv", "commit", preview.sha256))).status).toBe(422);
      expect(await counts()).toEqual(before);
      // Another value for that date is stored with a warning naming the merged-in value.
      const other = utf8Bom([[survivor!.key, null, null, "4400", "2021-06-30", "其他", null, null]]);
      const warned = await previewVia("reviewer", other, "merged-2.csv");
      expect(warned).toMatchObject({ canCommit: true, warningCount: 1 });
      expect(warned.rows[0]!.issues).toMatchObject([{ code: "sameDateExisting", params: { values: "4321" } }]);
    } finally {
      await db.prisma.indicator.update({ where: { id: merged!.id }, data: { mergedIntoId: null } });
    }
  });

  it("a merged indicator and a percentage cell are judged by the indicator", async () => {
    const [survivor, merged] = await db.prisma.indicator.findMany({
      where: { unit: "%", mergedIntoId: null },
      orderBy: { id: "asc" },
      take: 2,
      select: { id: true, key: true },
    });
    await db.prisma.indicator.update({ where: { id: merged!.id }, data: { mergedIntoId: survivor!.id } });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("实际值");
    sheet.addRow(HEADER);
    sheet.addRow([survivor!.key, null, null, 0.985, "2022-12-31", "统计公报"]).getCell(4).numFmt = "0.0%";
    sheet.addRow([merged!.key, null, null, 50, "2022-12-31", "统计公报"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await imports.previewObservationImport(actors.reviewer, { name: "p.xlsx", bytes });
    expect(preview.rows[0]).toMatchObject({ status: "ok", value: 98.5 });
    expect(preview.rows[1]!.issues).toMatchObject([
      { column: "key", code: "mergedIndicator", params: { key: survivor!.key } },
    ]);
    await db.prisma.indicator.update({ where: { id: merged!.id }, data: { mergedIntoId: null } });
  });
});

describe("files that are refused whole", () => {
  const refuse = async (bytes: Uint8Array, name: string, status: number, message: RegExp) => {
    const response = await post("reviewer", form(bytes, name, "preview"));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
  };

  it("by content, whatever the name says", async () => {
    await refuse(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      "data.xlsx",
      415,
      /仅支持/,
    );
    await refuse(new TextEncoder().encode("%PDF-1.7\n\u0000\u0000\u0000"), "data.csv", 415, /仅支持/);
    await refuse(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      "old.xls",
      415,
      /另存为 \.xlsx/,
    );
    // A zip that is not a workbook.
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60)]);
    await refuse(zip, "fake.xlsx", 422, /不是有效的 Excel/);
  });

  it("too large, too many rows, missing columns, empty", async () => {
    await refuse(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x31), "big.csv", 413, /超过 2 MB/);
    const many = Array.from({ length: 2001 }, (_, i): Row => [FIVE_G, null, null, i, "2020-01-01", "其他", null, null]);
    await refuse(new TextEncoder().encode(csvText(many)), "many.csv", 422, /超过 2000 行/);
    await refuse(new TextEncoder().encode("指标编号,数值\r\na,1\r\n"), "cols.csv", 422, /缺少列：统计时点、来源/);
    await refuse(new Uint8Array(0), "empty.csv", 422, /文件为空/);
  });

  it("a workbook hiding a zip bomb behind headers that understate its size (422), before ExcelJS sees it", async () => {
    // A genuine workbook, rewritten with one more entry that declares 1 KB and inflates to 64 MB.
    const genuine = await JSZip.loadAsync(await xlsx([[FIVE_G, null, null, 1, "2020-01-01", "其他", null, null]]));
    const entries = await Promise.all(
      Object.values(genuine.files)
        .filter((f) => !f.dir)
        .map(async (f) => ({ name: f.name, data: await f.async("uint8array") })),
    );
    const bomb = writeZip([
      ...entries,
      { name: "xl/media/image1.bin", data: new Uint8Array(64 * 1024 * 1024), declaredSize: 1024 },
    ]);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const load = vi.spyOn(ExcelJS.Workbook.prototype, "xlsx", "get");
    try {
      // Inflation stops at the declared kilobyte: the file lies about itself.
      await refuse(bomb, "bomb.xlsx", 422, /已损坏或结构异常/);
      expect(load).not.toHaveBeenCalled();
    } finally {
      load.mockRestore();
    }
    // The same entries with honest headers are a workbook like any other.
    const honest = await imports.previewObservationImport(actors.reviewer, {
      name: "ok.xlsx",
      bytes: writeZip(entries),
    });
    expect(honest).toMatchObject({ format: "xlsx", okCount: 1 });
  });

  describe("a 1 GB zip bomb in a 1 MB workbook is refused from its headers in milliseconds", () => {
    const genuine = async () =>
      (await zipEntries(await xlsx([[FIVE_G, null, null, 1, "2020-01-01", "其他", null, null]]))).map((e) =>
        pack(e.name, e.data),
      );
    // The end record declares only the workbook's own entries; the directory lists one more: 1 GiB of
    // zeros under xl/media/, which ExcelJS would inflate whole.
    const hidden = async () => {
      const entries = await genuine();
      return assembleZip([...entries, deflatedZeros("xl/media/image1.png", 1024)], { declaredCount: entries.length });
    };
    const declared = async () => assembleZip([...(await genuine()), deflatedZeros("xl/media/image1.png", 1024)]);

    it.each([
      ["an end record hiding an entry (422)", hidden, 422, /已损坏或结构异常/],
      ["honest headers declaring 1 GiB (413)", declared, 413, /解压后超过 40 MB/],
    ])("%s, at preview and at commit, with nothing stored", async (label, make, status, message) => {
      const bomb = await make();
      expect(bomb.byteLength).toBeLessThan(1.5 * 1024 * 1024);
      const sha256 = createHash("sha256").update(bomb).digest("hex");
      const before = await db.prisma.observation.count();
      const load = vi.spyOn(ExcelJS.Workbook.prototype, "xlsx", "get");
      try {
        for (const intent of ["preview", "commit"] as const) {
          const rss = process.memoryUsage().rss;
          const start = performance.now();
          const response = await post("reviewer", form(bomb, "bomb.xlsx", intent, sha256));
          const ms = performance.now() - start;
          const growth = (process.memoryUsage().rss - rss) / 2 ** 20;
          expect(response.status).toBe(status);
          expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
          expect(ms).toBeLessThan(1000);
          expect(growth).toBeLessThan(64);
          console.info(
            `import ${intent}, ${label}: ${response.status} in ${ms.toFixed(1)} ms, RSS +${growth.toFixed(1)} MiB`,
          );
        }
        expect(load).not.toHaveBeenCalled();
      } finally {
        load.mockRestore();
      }
      expect(await db.prisma.observation.count()).toBe(before);
    });
  });

  it("a viewer may not even preview", async () => {
    const response = await post(
      "viewer",
      form(utf8Bom([[FIVE_G, null, null, 1, "2020-01-01", "其他"]]), "v.csv", "preview"),
    );
    expect(response.status).toBe(403);
  });
});

describe("request bodies are bounded before they are read", () => {
  const IMPORT_URL = "http://localhost/api/indicators/observations/import";
  const LIMIT = 2 * 1024 * 1024 + 64 * 1024;

  it("a chunked upload without Content-Length is cut off past the limit (413), not buffered whole", async () => {
    const body = streamedBody(40 * 1024 * 1024);
    const response = await routes.importFile(
      streamedRequest(IMPORT_URL, body.stream, { authorization: `Bearer ${tokens.reviewer}` }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
    expect(body.pulled.bytes).toBeGreaterThan(LIMIT);
    expect(body.pulled.bytes).toBeLessThanOrEqual(LIMIT + body.chunkBytes);
  });

  it("a declared length over the limit is refused without reading the body", async () => {
    const body = streamedBody(40 * 1024 * 1024);
    const response = await routes.importFile(
      streamedRequest(IMPORT_URL, body.stream, {
        authorization: `Bearer ${tokens.reviewer}`,
        "content-length": String(40 * 1024 * 1024),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(413);
    expect(body.pulled.bytes).toBeLessThanOrEqual(body.chunkBytes);
  });

  it("someone who may not import is refused (403) before the body is read", async () => {
    for (const who of ["viewer"] as const) {
      const body = streamedBody(40 * 1024 * 1024);
      const response = await routes.importFile(
        streamedRequest(IMPORT_URL, body.stream, { authorization: `Bearer ${tokens[who]}` }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(403);
      expect(body.pulled.bytes).toBeLessThanOrEqual(body.chunkBytes);
    }
  });
});
