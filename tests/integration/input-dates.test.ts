/**
 * Outside probe 2026-12, finding 1 and the indicator-bound part of finding 8, at every entry point, through
 * the real server functions and route handlers on a real PostgreSQL: a date outside the plausible window
 * (2000-01-01 … ten years after today) or an implausible indicator value is refused with 422 and a clear
 * message — the single-value form's action, the bulk import (preview and commit, CSV and xlsx), the task
 * update (milestone completion dates) and the REST API — and nothing is written.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "../../lib/domain/periods";
import type { Actor } from "../../lib/server/auth/actor";
import type * as FailuresModule from "../../lib/server/failures";
import type * as ImportModule from "../../lib/server/observation-import";
import type { ObservationInput } from "../../lib/schemas/observations";
import type * as ObservationsModule from "../../lib/server/observations";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";
import { issueApiToken, makeActor, setUpIntegrationDatabase } from "../support/integration";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const db = setUpIntegrationDatabase({ documents: "all" });
let obs: typeof ObservationsModule;
let imports: typeof ImportModule;
let updates: typeof TaskUpdatesModule;
let failures: typeof FailuresModule;
let routes: { importFile: Handler; taskUpdates: Handler };
let editor: Actor;
let editorToken: string;
let reviewer: Actor;
let reviewerToken: string;
let fiveG: number; // 个, led by the editor's department
let share: { id: number; key: string }; // a % share (千兆光网家庭覆盖率)
let growth: { id: number; key: string }; // a % rate of change (数字经济总量增幅)
let taskId: number;
let milestoneId: number;

const TODAY = shanghaiDate(new Date());
/** The same day `years` on (29 February → 28 February), written here so the test runs on any version. */
const addYears = (date: string, years: number) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
};

async function makeUser(role: Actor["role"], department: string | null): Promise<{ actor: Actor; token: string }> {
  const actor = await makeActor(db.prisma, { username: `dates-${role.toLowerCase()}`, role, department });
  return { actor, token: await issueApiToken(db.prisma, actor.id, "dates") };
}

const writes = async () => ({
  observations: await db.prisma.observation.count(),
  updates: await db.prisma.taskUpdate.count(),
  audit: await db.prisma.auditLog.count(),
  completed: await db.prisma.milestone.count({ where: { completedDate: { not: null } } }),
});

async function expectValidation(call: () => Promise<unknown>, field: string, pattern: RegExp): Promise<void> {
  const before = await writes();
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeTruthy();
  // What the server action's and the route's wrapper answer with (lib/server/failures.ts).
  const appError = failures.toAppError(error);
  expect(appError.code).toBe("VALIDATION");
  const body = appError.toBody("zh-CN");
  const texts = [body.message, ...(body.fieldErrors?.[field] ?? [])].join(" ");
  expect(texts).toMatch(pattern);
  expect(await writes()).toEqual(before);
}

const HEADER = ["指标编号", "指标名称", "单位", "数值", "统计时点", "来源", "来源说明", "备注"];
const csv = (rows: (string | number)[][]) =>
  new TextEncoder().encode(`\uFEFF${[HEADER, ...rows].map((r) => r.join(",")).join("\r\n")}\r\n`);

async function xlsx(rows: (string | number | Date)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("实际值");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function importRequest(
  bytes: Uint8Array,
  name: string,
  intent: "preview" | "commit",
  sha256?: string,
  token = editorToken,
) {
  const body = new FormData();
  body.set("file", new File([bytes as BlobPart], name));
  body.set("intent", intent);
  if (sha256) body.set("sha256", sha256);
  return routes.importFile(
    new Request("http://localhost/api/indicators/observations/import", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({}) },
  );
}

/** Preview answers 200 with the row refused (issue code), and a commit of the same file is refused too. */
async function expectImportRefused(bytes: Uint8Array, name: string, column: string, code: string, token = editorToken) {
  const before = await writes();
  const preview = await importRequest(bytes, name, "preview", undefined, token);
  expect(preview.status).toBe(200);
  const body = (await preview.json()) as ImportModule.ImportPreview;
  expect(body.canCommit).toBe(false);
  const issues = body.rows.flatMap((r) => r.issues);
  expect(issues, JSON.stringify(issues)).toContainEqual(expect.objectContaining({ column, code, severity: "error" }));
  const commit = await importRequest(bytes, name, "commit", body.sha256, token);
  expect(commit.status).toBe(422);
  expect(await writes()).toEqual(before);
}

beforeAll(async () => {
  obs = await db.load(() => import("../../lib/server/observations"));
  imports = await db.load(() => import("../../lib/server/observation-import"));
  updates = await db.load(() => import("../../lib/server/task-updates"));
  failures = await db.load(() => import("../../lib/server/failures"));
  routes = {
    importFile: (await import("../../app/api/indicators/observations/import/route")).POST as Handler,
    taskUpdates: (await import("../../app/api/v1/tasks/[id]/updates/route")).POST as Handler,
  };
  const lead = await db.prisma.taskAssignment.findFirstOrThrow({
    where: {
      role: "LEAD",
      task: { retiredAt: null, indicators: { some: { indicator: { key: "5g-base-stations" } } } },
    },
    select: { department: { select: { name: true } } },
  });
  ({ actor: editor, token: editorToken } = await makeUser("DEPARTMENT_EDITOR", lead.department.name));
  // Shares and rates of change are recorded by a reviewer: the rule does not depend on who records.
  ({ actor: reviewer, token: reviewerToken } = await makeUser("REVIEWER", null));
  fiveG = (await db.prisma.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } })).id;
  share = await db.prisma.indicator.findUniqueOrThrow({
    where: { key: "gigabit-home-coverage" },
    select: { id: true, key: true },
  });
  growth = await db.prisma.indicator.findUniqueOrThrow({
    where: { key: "digital-economy-growth" },
    select: { id: true, key: true },
  });
  const milestone = await db.prisma.milestone.findFirstOrThrow({
    where: {
      retiredAt: null,
      completedDate: null,
      task: { retiredAt: null, assignments: { some: { role: "LEAD", departmentId: editor.departmentId! } } },
    },
    select: { id: true, taskId: true },
  });
  milestoneId = milestone.id;
  taskId = milestone.taskId;
}, 120_000);

const entry = (overrides: Partial<ObservationInput> = {}): ObservationInput => ({
  indicatorId: fiveG,
  value: 185_000,
  asOf: "2023-06-30",
  source: "DEPARTMENT_REPORT",
  ...overrides,
});

describe("the single-value form (recordObservation, behind the server action)", () => {
  it("refuses dates outside 2000-01-01 … today, naming the window, and stores nothing", async () => {
    for (const asOf of ["0001-01-01", "0099-12-31", "0050-01-01", "1999-12-31", "0000-01-01"]) {
      await expectValidation(() => obs.recordObservation(editor, entry({ asOf })), "asOf", /2000-01-01/);
    }
    for (const asOf of ["2023-02-30", "+02023-01-01", "2023-1-1", "２０２３-０１-０１", "99-12-31", ""]) {
      await expectValidation(() => obs.recordObservation(editor, entry({ asOf })), "asOf", /YYYY-MM-DD|不存在|no date/);
    }
  });

  it("accepts the first day of the window and today", async () => {
    const first = await obs.recordObservation(editor, entry({ asOf: "2000-01-01", value: 1 }));
    expect(first.asOf).toBe("2000-01-01");
    const latest = await obs.recordObservation(editor, entry({ asOf: TODAY, value: 2 }));
    expect(latest.asOf).toBe(TODAY);
  });

  it("bounds values by unit: % in 0–100, no negative counts, nothing beyond 1e15, nothing non-finite", async () => {
    await expectValidation(
      () => obs.recordObservation(reviewer, entry({ indicatorId: share.id, value: 1e15 })),
      "value",
      /0.*100/,
    );
    await expectValidation(
      () => obs.recordObservation(reviewer, entry({ indicatorId: share.id, value: 100.5 })),
      "value",
      /0.*100/,
    );
    await expectValidation(
      () => obs.recordObservation(reviewer, entry({ indicatorId: share.id, value: -1 })),
      "value",
      /0.*100/,
    );
    await expectValidation(() => obs.recordObservation(editor, entry({ value: -5 })), "value", /负数|negative/);
    await expectValidation(() => obs.recordObservation(editor, entry({ value: 2e15 })), "value", /1e15/);
    await expectValidation(() => obs.recordObservation(editor, entry({ value: Number.NaN })), "value", /.+/);
    await expectValidation(
      () => obs.recordObservation(editor, entry({ value: Number.POSITIVE_INFINITY })),
      "value",
      /.+/,
    );
    const ok = await obs.recordObservation(reviewer, entry({ indicatorId: share.id, value: 100, asOf: "2023-06-29" }));
    expect(ok.value).toBe(100);
  });

  it("lets a rate of change (增幅) be negative, but not below −100 %", async () => {
    const ok = await obs.recordObservation(reviewer, entry({ indicatorId: growth.id, value: -3.5 }));
    expect(ok.value).toBe(-3.5);
    await expectValidation(
      () => obs.recordObservation(reviewer, entry({ indicatorId: growth.id, value: -150 })),
      "value",
      /-100/,
    );
  });
});

describe("the bulk import (/api/indicators/observations/import)", () => {
  it("refuses 统计时点 0099-12-31 and 0001-01-01 in a CSV: preview flags the row, commit is 422", async () => {
    await expectImportRefused(
      csv([["5g-base-stations", "", "", 185000, "0099-12-31", "部门报送", "", ""]]),
      "a.csv",
      "asOf",
      "dateTooEarly",
    );
    await expectImportRefused(
      csv([["5g-base-stations", "", "", 185000, "0001-01-01", "部门报送", "", ""]]),
      "b.csv",
      "asOf",
      "dateTooEarly",
    );
    await expectImportRefused(
      csv([["5g-base-stations", "", "", 185000, "1999/12/31", "部门报送", "", ""]]),
      "c.csv",
      "asOf",
      "dateTooEarly",
    );
  });

  it("refuses an early date cell in an xlsx", async () => {
    await expectImportRefused(
      await xlsx([["5g-base-stations", "", "", 185000, new Date(Date.UTC(1999, 11, 31)), "部门报送", "", ""]]),
      "d.xlsx",
      "asOf",
      "dateTooEarly",
    );
  });

  it("refuses a % value of 1e15 or 101, and a negative count", async () => {
    await expectImportRefused(
      csv([[share.key, "", "", "1e15", "2023-06-30", "部门报送", "", ""]]),
      "e.csv",
      "value",
      "valueOutOfBounds",
      reviewerToken,
    );
    await expectImportRefused(
      csv([[share.key, "", "", "101%", "2023-06-30", "部门报送", "", ""]]),
      "e2.csv",
      "value",
      "valueOutOfBounds",
      reviewerToken,
    );
    await expectImportRefused(
      csv([["5g-base-stations", "", "", -185000, "2023-06-30", "部门报送", "", ""]]),
      "f.csv",
      "value",
      "valueNegative",
    );
    await expectImportRefused(
      csv([["5g-base-stations", "", "", "2e15", "2023-06-30", "部门报送", "", ""]]),
      "g.csv",
      "value",
      "outOfRange",
    );
  });

  it("still stores a good file", async () => {
    const bytes = csv([["5g-base-stations", "", "", 190000, "2023-09-30", "部门报送", "", ""]]);
    const preview = await imports.previewObservationImport(editor, { name: "ok.csv", bytes });
    expect(preview.canCommit).toBe(true);
    const commit = await importRequest(bytes, "ok.csv", "commit", preview.sha256);
    expect(commit.status).toBe(201);
  });
});

describe("milestone completion dates (task updates, the REST API)", () => {
  const update = (completedDate: string) => ({
    taskId,
    intent: "draft" as const,
    expectedVersion: 0,
    status: "ON_TRACK" as const,
    progress: 30,
    progressText: "进展",
    milestoneDates: [{ milestoneId, completedDate }],
  });

  it("saveTaskUpdate refuses 0050-01-01 and other dates outside the window", async () => {
    for (const date of ["0050-01-01", "0001-01-01", "1999-12-31", addYears(TODAY, 11), "2023-02-30"]) {
      await expectValidation(
        () => updates.saveTaskUpdate(editor, update(date)),
        "milestoneDates.0.completedDate",
        /2000-01-01|不存在|no date/,
      );
    }
  });

  it("POST /api/v1/tasks/{id}/updates answers 422 naming the window", async () => {
    const before = await writes();
    const { taskId: _taskId, ...body } = update("0050-01-01");
    const response = await routes.taskUpdates(
      new Request(`http://localhost/api/v1/tasks/${taskId}/updates`, {
        method: "POST",
        headers: { authorization: `Bearer ${editorToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id: String(taskId) }) },
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toMatch(/2000-01-01/);
    expect(await writes()).toEqual(before);
  });
});
