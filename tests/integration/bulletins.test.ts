/**
 * The bimonthly bulletin against a real PostgreSQL holding the four documents. Reports are filed and
 * reviewed through lib/server/task-updates.ts, as departments and reviewers do it; the expected figures
 * are recomputed here independently from the rows (latest approved lead report per task with period ≤
 * the bulletin's; lead units, milestones and document ends for the state rule, judged on the period's
 * last day) and compared with the assembled snapshot and with every exported file,
 * read back: the docx's XML, the xlsx through exceljs, the pdf's text through pdf-parse, the csv's bytes.
 * Then: publication freezes a bulletin (a later change shows only in a new version), drafts stay with
 * reviewers, and locking a period sends later submissions to the next one.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { periodOf, previousPeriod, type Period } from "../../lib/domain/periods";
import { TASK_STATES, taskState, type TaskState } from "../../lib/domain/task-state";
import type { TaskStatus } from "../../lib/domain/task-status";
import { composeBulletin } from "../../lib/reports/bulletin-document";
import type { BulletinSnapshot } from "../../lib/reports/bulletin";
import { createTranslator } from "../../lib/i18n/catalogue";
import type { Actor } from "../../lib/server/auth/actor";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import type * as BulletinsModule from "../../lib/server/bulletins";
import type * as PeriodsModule from "../../lib/server/periods";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as EvidenceModule from "../../lib/server/evidence";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";

const P2 = periodOf({ year: 2023, index: 2 });
const P3 = periodOf({ year: 2023, index: 3 });
const IN_P2 = new Date("2023-03-15T02:00:00Z");
const IN_P3 = new Date("2023-05-10T02:00:00Z");
const AFTER_P3 = new Date("2023-07-03T02:00:00Z");

const db = setUpIntegrationDatabase({ documents: "all" });
let bulletins: typeof BulletinsModule;
let periods: typeof PeriodsModule;
let errors: typeof ErrorsModule;
let evidence: typeof EvidenceModule;
let updates: typeof TaskUpdatesModule;
const actors: Record<"bureau" | "miit" | "reviewer" | "admin" | "viewer", Actor> = {} as never;
let bureauTasks: number[] = []; // led by 省大数据局 only
let miitTasks: number[] = []; // led by 省工业和信息化厅 only

async function tasksLedOnlyBy(name: string): Promise<number[]> {
  const rows = await db.prisma.task.findMany({
    where: {
      retiredAt: null,
      document: { slug: "work-points-2023" },
      assignments: {
        some: { role: "LEAD", department: { name } },
        none: { role: "LEAD", department: { name: { not: name } } },
      },
    },
    orderBy: { ordinal: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** A lead report submitted by `editor` and, unless `approve` is false, approved by the reviewer. */
async function report(
  editor: Actor,
  taskId: number,
  content: { status: TaskStatus; progress: number; progressText: string; problems?: string },
  now: Date,
  approve = true,
) {
  const evidenceIds =
    content.status === "COMPLETED"
      ? [
          (await evidence.addEvidenceLink(editor, { taskId, title: "验收报告", url: "https://www.shandong.gov.cn/r" }))
            .id,
        ]
      : [];
  const current = await updates.getEditorState(editor, taskId, now);
  const saved = await updates.saveTaskUpdate(
    editor,
    { taskId, intent: "submit", expectedVersion: current?.latest?.version ?? 0, evidenceIds, ...content },
    now,
  );
  if (!approve) return saved;
  await updates.reviewTaskUpdate(actors.reviewer, {
    taskId,
    periodId: saved.update.periodId,
    departmentId: editor.departmentId!,
    expectedVersion: saved.update.version,
    decision: "approve",
  });
  return saved;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The reported status of each task at a period: its latest approved lead report of that period or earlier. */
async function reportsAt(period: Period): Promise<Map<number, { status: TaskStatus; progress: number }>> {
  const approved = await db.prisma.taskUpdate.findMany({
    where: { kind: "LEAD_REPORT", reviewState: "APPROVED" },
    select: {
      id: true,
      taskId: true,
      status: true,
      progress: true,
      createdAt: true,
      period: { select: { startDate: true } },
    },
  });
  const result = new Map<number, { status: TaskStatus; progress: number; key: [number, number, number] }>();
  for (const u of approved) {
    if (isoDay(u.period.startDate) > period.start) continue;
    const key: [number, number, number] = [u.period.startDate.getTime(), u.createdAt.getTime(), u.id];
    const held = result.get(u.taskId);
    const newer =
      !held ||
      key[0] > held.key[0] ||
      (key[0] === held.key[0] && (key[1] > held.key[1] || (key[1] === held.key[1] && key[2] > held.key[2])));
    if (newer) result.set(u.taskId, { status: u.status, progress: u.progress, key });
  }
  return result;
}

/** Per task: does a unit that can report lead it, and its deadline (last current milestone, else document end). */
async function taskFacts(period: Period) {
  const tasks = await db.prisma.task.findMany({
    where: { retiredAt: null, document: { periodStart: { lte: new Date(`${period.end}T00:00:00Z`) } } },
    select: {
      id: true,
      document: { select: { periodEnd: true } },
      milestones: { where: { retiredAt: null }, select: { dueDate: true } },
      assignments: { where: { role: "LEAD" }, select: { department: { select: { generic: true } } } },
    },
  });
  return tasks.map((t) => ({
    id: t.id,
    hasLead: t.assignments.some((a) => !a.department.generic),
    deadline: t.milestones.length
      ? t.milestones
          .map((m) => isoDay(m.dueDate))
          .sort()
          .at(-1)!
      : isoDay(t.document.periodEnd),
  }));
}

/**
 * The rule, implemented again from the rows: each task in scope at `period`, its state on the period's last
 * day and on the previous period's last day, and the reported status behind each.
 */
async function expectedStatuses(period: Period) {
  const before = previousPeriod(period);
  const [facts, now, earlier] = await Promise.all([taskFacts(period), reportsAt(period), reportsAt(before)]);
  const result = new Map<
    number,
    { status: TaskState; progress: number; previousStatus: TaskState; previousReport: TaskStatus | null }
  >();
  for (const f of facts) {
    const reported = now.get(f.id) ?? null;
    const previousReport = earlier.get(f.id)?.status ?? null;
    result.set(f.id, {
      status: taskState(
        { reportedStatus: reported?.status ?? null, hasLead: f.hasLead, deadline: f.deadline },
        period.end,
      ),
      progress: reported?.progress ?? 0,
      previousStatus: taskState(
        { reportedStatus: previousReport, hasLead: f.hasLead, deadline: f.deadline },
        before.end,
      ),
      previousReport,
    });
  }
  return result;
}

function countBy(statuses: Iterable<TaskState>): Record<TaskState, number> {
  const counts = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  for (const status of statuses) counts[status]++;
  return counts;
}

const flat = (text: string) => text.replace(/\s+/g, "");

async function docxText(bytes: Uint8Array): Promise<{ text: string; xml: string; fonts: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const fonts = await zip.file("word/fontTable.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  return { text: text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"), xml, fonts };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

async function storedFiles(bulletinId: number) {
  const files = await db.prisma.bulletinFile.findMany({
    where: { bulletinId },
    select: { format: true, sha256: true, byteSize: true, content: true, fileName: true, contentType: true },
  });
  return Object.fromEntries(files.map((f) => [f.format, f]));
}

beforeAll(async () => {
  bulletins = await db.load(() => import("../../lib/server/bulletins"));
  periods = await db.load(() => import("../../lib/server/periods"));
  errors = await db.load(() => import("../../lib/server/errors"));
  evidence = await db.load(() => import("../../lib/server/evidence"));
  updates = await db.load(() => import("../../lib/server/task-updates"));
  actors.bureau = await makeActor(db.prisma, {
    username: "b-bureau",
    role: "DEPARTMENT_EDITOR",
    department: "省大数据局",
  });
  actors.miit = await makeActor(db.prisma, {
    username: "b-miit",
    role: "DEPARTMENT_EDITOR",
    department: "省工业和信息化厅",
  });
  actors.reviewer = await makeActor(db.prisma, { username: "b-reviewer", role: "REVIEWER" });
  actors.admin = await makeActor(db.prisma, { username: "b-admin", role: "ADMIN" });
  actors.viewer = await makeActor(db.prisma, { username: "b-viewer", role: "VIEWER" });
  bureauTasks = await tasksLedOnlyBy("省大数据局");
  miitTasks = await tasksLedOnlyBy("省工业和信息化厅");
  expect(bureauTasks.length).toBeGreaterThanOrEqual(7);
  expect(miitTasks.length).toBeGreaterThanOrEqual(2);

  // Period 2: two tasks on track, one lagging.
  await report(
    actors.bureau,
    bureauTasks[0]!,
    { status: "ON_TRACK", progress: 20, progressText: "已启动建设。" },
    IN_P2,
  );
  await report(
    actors.bureau,
    bureauTasks[1]!,
    { status: "ON_TRACK", progress: 30, progressText: "完成方案编制。" },
    IN_P2,
  );
  await report(
    actors.miit,
    miitTasks[0]!,
    { status: "LAGGING", progress: 10, progressText: "项目招标延期。", problems: "资金未到位" },
    IN_P2,
  );
  // Period 3: task 0 completed, task 1 at risk, task 2 lagging, the miit task recovers; one report only
  // submitted (not approved), which must not change any status.
  await report(
    actors.bureau,
    bureauTasks[0]!,
    {
      status: "COMPLETED",
      progress: 100,
      progressText:
        "全省一体化大数据平台已完成建设并通过验收，接入省直部门42个、市级平台16个，累计汇聚数据超过1000亿条。",
    },
    IN_P3,
  );
  await report(
    actors.bureau,
    bureauTasks[1]!,
    { status: "AT_RISK", progress: 40, progressText: "部分子项目进度偏慢。", problems: "供应商交付延迟" },
    IN_P3,
  );
  await report(
    actors.bureau,
    bureauTasks[2]!,
    { status: "LAGGING", progress: 5, progressText: "尚处于前期论证阶段。", problems: "需求尚未明确" },
    IN_P3,
  );
  await report(actors.miit, miitTasks[0]!, { status: "ON_TRACK", progress: 50, progressText: "招标已完成。" }, IN_P3);
  await report(
    actors.bureau,
    bureauTasks[3]!,
    { status: "LAGGING", progress: 0, progressText: "待审核。" },
    IN_P3,
    false,
  );
  // A task whose first approved report says 已完成: not a completion seen in period 3.
  await report(
    actors.bureau,
    bureauTasks[6]!,
    { status: "COMPLETED", progress: 100, progressText: "早已建成。" },
    IN_P3,
  );
}, 180_000);

describe("assembly", () => {
  let snapshot: BulletinSnapshot;

  beforeAll(async () => {
    const steps: number[] = [];
    snapshot = await bulletins.assembleBulletin(P3, { onProgress: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("counts tasks by their state at the period, and at the previous one, as the rows say", async () => {
    const now = await expectedStatuses(P3);
    expect(snapshot.summary.asOf).toBe(P3.end);
    expect(snapshot.summary.totalTasks).toBe(now.size);
    expect(snapshot.summary.byStatus).toEqual(countBy([...now.values()].map((t) => t.status)));
    // The previous column: the same tasks at the end of period 2, from the history (no bulletin then).
    expect(snapshot.summary.previousByStatus).toEqual(countBy([...now.values()].map((t) => t.previousStatus)));
    // What was reported: one completed, one at risk, the miit task back on track; and the states the
    // reports do not say: tasks past their deadline unfinished are 滞后, tasks no unit can report on
    // 待明确责任单位, tasks never reported 未报送 — none of them 未启动.
    expect(snapshot.summary.byStatus).toMatchObject({ COMPLETED: 2, AT_RISK: 1, ON_TRACK: 1, NOT_STARTED: 0 });
    expect(now.get(bureauTasks[2]!)!.status).toBe("LAGGING");
    expect(snapshot.summary.byStatus.UNASSIGNED).toBeGreaterThan(0);
    expect(snapshot.summary.byStatus.NO_REPORT).toBeGreaterThan(0);
    expect(snapshot.summary.previousByStatus).toMatchObject({ COMPLETED: 0, ON_TRACK: 2, NOT_STARTED: 0 });
    const docTotal = snapshot.summary.byDocument.reduce((sum, d) => sum + d.total, 0);
    expect(docTotal).toBe(now.size);
    const wp = snapshot.summary.byDocument.find((d) => d.key === "work-points-2023")!;
    expect(wp.completed).toBe(2);
    expect(wp.completionRate).toBeCloseTo(2 / wp.total);
    expect(snapshot.summary.byArea.reduce((sum, a) => sum + a.total, 0)).toBe(now.size);
    expect(snapshot.summary.reports).toEqual({ submitted: 1, approved: 5, returned: 0, draft: 0 });
    // The plan's tasks name no unit that can report: nothing known about them, never 符合序时进度.
    const plan = snapshot.summary.byDocument.find((d) => d.key === "plan-2021-2025")!;
    expect(plan.rollUp?.status).not.toBe("ON_PACE");
  });

  it("lists the lagging and at-risk tasks with their lead units and problems", async () => {
    const now = await expectedStatuses(P3);
    const expected = [...now].filter(([, s]) => s.status === "LAGGING" || s.status === "AT_RISK").map(([id]) => id);
    expect(snapshot.laggingTasks.map((t) => t.taskId).sort()).toEqual(expected.sort());
    const atRisk = snapshot.laggingTasks.find((t) => t.taskId === bureauTasks[1])!;
    expect(atRisk).toMatchObject({
      status: "AT_RISK",
      previousStatus: "ON_TRACK",
      progress: 40,
      problems: "供应商交付延迟",
    });
    expect(atRisk.leadUnits).toEqual(["省大数据局"]);
    // A submitted-but-unapproved report changes nothing.
    expect(snapshot.laggingTasks.find((t) => t.taskId === bureauTasks[3])?.status).not.toBe("LAGGING");
  });

  it("counts a completion once, after a reported status; a first report saying 已完成 is not one", async () => {
    const now = await expectedStatuses(P3);
    const expected = [...now]
      .filter(([, t]) => t.status === "COMPLETED" && t.previousReport !== null && t.previousReport !== "COMPLETED")
      .map(([id]) => id);
    expect(expected).toEqual([bureauTasks[0]]);
    expect(snapshot.newlyCompleted.map((t) => t.taskId)).toEqual(expected);
    expect(snapshot.newlyCompleted[0]).toMatchObject({ status: "COMPLETED", previousStatus: "ON_TRACK" });
    expect(snapshot.summary.firstReportCompleted).toBe(1);
    const t = createTranslator("zh-CN");
    const meta = { title: "t", issueLabel: "i", issuer: "x", version: 1, issuedOn: "2023-07-03", draft: false };
    const texts = composeBulletin(snapshot, meta, t, "zh-CN").map((b) => ("text" in b ? b.text : ""));
    expect(texts).toContain("本期新完成任务 1 项：");
    expect(texts).toContain("另有 1 项任务首次审核通过的报告即为已完成，完成时间不能确定在本期，未计入本期新完成。");
  });

  it("names the departments that did not report, by the one rule of who owes a report", async () => {
    const bureau = snapshot.departmentsNotSubmitted.find((d) => d.name === "省大数据局")!;
    // Every task 省大数据局 leads in a document in force by the end of period 3 is unfinished at the end
    // of period 2 (nothing was completed before), so it owes a report — the one completed in period 3
    // too, since its report was filed in the period.
    const owed = await db.prisma.task.count({
      where: {
        retiredAt: null,
        document: { periodStart: { lte: new Date(`${P3.end}T00:00:00Z`) } },
        assignments: { some: { role: "LEAD", department: { name: "省大数据局" } } },
      },
    });
    expect(bureau.tasksInScope).toBe(owed);
    // Tasks 0, 1, 2 and 6 approved, task 3 submitted.
    expect(bureau.missing).toBe(owed - 5);
    expect(snapshot.departmentsNotSubmitted.every((d) => d.missing > 0)).toBe(true);
    expect(snapshot.summary.departmentsNotSubmitted).toBe(snapshot.departmentsNotSubmitted.length);
  });

  it("picks notable narratives: the completed task first, then lagging, at risk", () => {
    expect(snapshot.narratives.map((n) => [n.taskId, n.reason])).toEqual([
      [bureauTasks[0], "COMPLETED"],
      [bureauTasks[2], "LAGGING"],
      [bureauTasks[1], "AT_RISK"],
      [miitTasks[0], "DETAILED"],
      // First reported as completed: a detailed report, not a completion of the period.
      [bureauTasks[6], "DETAILED"],
    ]);
    expect(snapshot.narratives[0]!.progressText).toContain("全省一体化大数据平台");
  });

  it("judges indicators as of the period's last day", () => {
    const total = Object.values(snapshot.summary.indicatorsByStatus).reduce((a, b) => a + b, 0);
    expect(total).toBe(snapshot.indicators.length);
    expect(snapshot.indicators.length).toBeGreaterThan(0);
  });

  it("a past period is computed from its own reports, not from today's task status", async () => {
    const p2 = await bulletins.assembleBulletin(P2);
    const expected = await expectedStatuses(P2);
    expect(p2.summary.byStatus).toEqual(countBy([...expected.values()].map((t) => t.status)));
    expect(p2.newlyCompleted).toEqual([]);
    expect(p2.laggingTasks.map((t) => t.taskId)).toContain(miitTasks[0]);
    expect(p2.laggingTasks.find((t) => t.taskId === miitTasks[0])).toMatchObject({ status: "LAGGING", progress: 10 });
    // The denormalised status says otherwise: the miit task is ON_TRACK today.
    const today = await db.prisma.task.findUniqueOrThrow({
      where: { id: miitTasks[0]! },
      select: { currentStatus: true },
    });
    expect(today.currentStatus).toBe("ON_TRACK");
  });

  it("the first period of the data has no previous data: every 较上期 figure says 无上期数据", async () => {
    // Nothing was approved for period 1 or earlier.
    const p2 = await bulletins.assembleBulletin(P2);
    expect(p2.summary.previousByStatus).toBeNull();
    expect(p2.summary.firstReportCompleted).toBe(0);
    const t = createTranslator("zh-CN");
    const meta = { title: "t", issueLabel: "i", issuer: "x", version: 1, issuedOn: "2023-05-03", draft: false };
    const blocks = composeBulletin(p2, meta, t, "zh-CN");
    expect(blocks.map((b) => ("text" in b ? b.text : ""))).toContain(
      "较上期：无上期数据（上期末及以前没有审核通过的进展报告，不作比较）。",
    );
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-by-status") as { rows: string[][] };
    for (const row of table.rows) expect(row.slice(2)).toEqual(["无上期数据", "无上期数据"]);
    // Period 3 has a previous picture (period 2's reports): differences, not 无上期数据.
    expect(snapshot.summary.previousByStatus).not.toBeNull();
  });

  it("judges a bulletin generated before its period ends on the generation day", async () => {
    const early = await bulletins.assembleBulletin(P3, { now: new Date("2023-05-20T02:00:00Z") });
    expect(early.summary.asOf).toBe("2023-05-20");
  });
});

describe("generate, publish and download", () => {
  let firstId: number;

  it("only reviewers and admins generate; a draft is theirs alone", async () => {
    for (const actor of [actors.viewer, actors.bureau]) {
      const before = await db.prisma.bulletin.count();
      await expect(bulletins.generateBulletin(actor, { period: P3.code }, AFTER_P3)).rejects.toSatisfy(
        (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
      );
      expect(await db.prisma.bulletin.count()).toBe(before);
    }
    await expect(bulletins.generateBulletin(actors.reviewer, { period: "2023-P5" }, AFTER_P3)).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "VALIDATION",
    );
    const draft = await bulletins.generateBulletin(actors.reviewer, { period: P3.code }, AFTER_P3);
    expect(draft).toMatchObject({ version: 1, outcome: "created", periodCode: "2023-P3" });
    firstId = draft.id;
    const refreshed = await bulletins.generateBulletin(actors.admin, { period: P3.code }, AFTER_P3);
    expect(refreshed).toMatchObject({ id: draft.id, version: 1, outcome: "refreshed" });

    expect(await bulletins.getBulletinForPeriod(actors.viewer, P3, null)).toBeNull();
    expect((await bulletins.listBulletins(actors.viewer)).length).toBe(0);
    await expect(bulletins.getBulletinFile(actors.viewer, draft.id, "pdf")).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "NOT_FOUND",
    );
    const view = await bulletins.getBulletinForPeriod(actors.reviewer, P3, null);
    expect(view).toMatchObject({ state: "DRAFT", title: "数字强省建设工作进展通报（2023年第3期）" });
    // A reviewer can download the draft, rendered on demand and marked as such.
    const draftDocx = await bulletins.getBulletinFile(actors.reviewer, draft.id, "docx");
    expect(draftDocx.fileName).toBe("数字强省建设工作进展通报（2023年第3期）（草稿）.docx");
    expect((await docxText(draftDocx.content)).text).toContain("草稿");
    const audit = await db.prisma.auditLog.findMany({ where: { entityType: "bulletin" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["bulletin.generate", "bulletin.refresh"]);
  });

  it("publishing stores four files whose contents match the database", async () => {
    await expect(bulletins.publishBulletin(actors.viewer, { bulletinId: firstId })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
    );
    const published = await bulletins.publishBulletin(actors.reviewer, { bulletinId: firstId }, AFTER_P3);
    expect(published).toMatchObject({ version: 1, periodCode: "2023-P3" });
    await expect(bulletins.publishBulletin(actors.admin, { bulletinId: firstId })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT",
    );

    const row = await db.prisma.bulletin.findUniqueOrThrow({ where: { id: firstId } });
    expect(row.state).toBe("PUBLISHED");
    const snapshot = row.snapshot as unknown as BulletinSnapshot;
    const now = await expectedStatuses(P3);
    const lagging = [...now].filter(([, s]) => s.status === "LAGGING" || s.status === "AT_RISK");
    const laggingRows = await db.prisma.task.findMany({
      where: { id: { in: lagging.map(([id]) => id) } },
      select: {
        id: true,
        number: true,
        assignments: { where: { role: "LEAD" }, select: { department: { select: { name: true } } } },
      },
    });
    const files = await storedFiles(firstId);
    expect(Object.keys(files).sort()).toEqual(["CSV", "DOCX", "PDF", "XLSX"]);
    for (const file of Object.values(files)) {
      expect(file.byteSize).toBe(file.content.byteLength);
      expect(file.fileName.startsWith("数字强省建设工作进展通报（2023年第3期）")).toBe(true);
    }

    // docx: title, issuer, numbered sections, counts and every lagging task with its lead unit; fonts.
    const docx = await docxText(files.DOCX!.content);
    expect(docx.text).toContain("数字强省建设工作进展通报（2023年第3期）");
    expect(docx.text).toContain("山东省数字强省建设领导小组办公室");
    expect(docx.text).toContain("2023年7月3日");
    for (const heading of [
      "一、总体情况",
      "二、滞后和存在风险的任务",
      "三、未按时报送进展的单位",
      "六、典型进展",
      "七、待明确责任单位的任务",
    ]) {
      expect(docx.text).toContain(heading);
    }
    const counts = countBy([...now.values()].map((t) => t.status));
    expect(docx.text).toContain(
      `纳入本期通报的任务共 ${now.size} 项。其中已完成 2 项，常态化推进 0 项，按计划推进 1 项，未启动 0 项，存在风险 1 项，滞后 ${counts.LAGGING} 项，未报送 ${counts.NO_REPORT} 项，待明确责任单位 ${counts.UNASSIGNED} 项。`,
    );
    const previous = countBy([...now.values()].map((t) => t.previousStatus));
    expect(docx.text).toContain(
      `较上期：已完成 +2，存在风险 +1，滞后 ${counts.LAGGING - previous.LAGGING === 0 ? "0" : `${counts.LAGGING > previous.LAGGING ? "+" : "−"}${Math.abs(counts.LAGGING - previous.LAGGING)}`}。`,
    );
    expect(docx.text).toContain(`共有 ${lagging.length} 项任务滞后或存在风险`);
    for (const task of snapshot.laggingTasks) expect(docx.text).toContain(task.heading);
    for (const task of laggingRows) {
      for (const a of task.assignments) expect(docx.text).toContain(a.department.name);
    }
    expect(docx.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(docx.xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(docx.fonts).toContain('<w:altName w:val="仿宋"/>');

    // pdf: the same text, selectable (extracted here); line breaks may fall anywhere.
    const pdf = flat(await pdfText(files.PDF!.content));
    expect(pdf).toContain("数字强省建设工作进展通报（2023年第3期）");
    expect(pdf).toContain(flat(`纳入本期通报的任务共 ${now.size} 项`));
    for (const task of snapshot.laggingTasks) {
      expect(pdf).toContain(flat(task.heading).slice(0, 12));
      expect(pdf).toContain(flat(task.problems));
    }
    expect(pdf).toContain("二、滞后和存在风险的任务");
    expect(pdf).toContain("七、待明确责任单位的任务");

    // xlsx: four sheets, typed cells, frozen header and filters; the task rows are the lagging list.
    const book = await workbook(files.XLSX!.content);
    expect(book.worksheets.map((s) => s.name)).toEqual(["汇总", "滞后任务", "指标", "未报送单位"]);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const summary = book.getWorksheet("汇总")!;
    const summaryValue = (item: string) => {
      let value: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === item) value = row.getCell(2).value;
      });
      return value;
    };
    expect(summaryValue("标题")).toBe("数字强省建设工作进展通报（2023年第3期）");
    expect(summaryValue("任务总数")).toBe(now.size);
    expect(summaryValue("状态：滞后")).toBe(counts.LAGGING);
    expect(summaryValue("状态：已完成")).toBe(2);
    expect(summaryValue("状态：待明确责任单位")).toBe(counts.UNASSIGNED);
    expect(summaryValue("首次报告即已完成")).toBe(1);
    const tasksSheet = book.getWorksheet("滞后任务")!;
    // Header, lagging, one newly completed, then the tasks without a responsible unit (issue 15).
    expect(tasksSheet.rowCount).toBe(1 + lagging.length + 1 + counts.UNASSIGNED);
    expect(snapshot.unassignedTasks).toHaveLength(counts.UNASSIGNED);
    const idColumn = tasksSheet.getRow(1).cellCount;
    const laggingIds: number[] = [];
    tasksSheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === "滞后任务清单") laggingIds.push(row.getCell(idColumn).value as number);
    });
    expect(laggingIds.sort()).toEqual(lagging.map(([id]) => id).sort());
    expect(typeof tasksSheet.getRow(2).getCell(9).value).toBe("number"); // progress
    const departments = book.getWorksheet("未报送单位")!;
    expect(departments.rowCount).toBe(1 + snapshot.departmentsNotSubmitted.length);
    expect(book.getWorksheet("指标")!.rowCount).toBe(1 + snapshot.indicators.length);

    // csv: UTF-8 with BOM, the same task rows.
    const csv = Buffer.from(files.CSV!.content);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toContain("牵头单位");
    expect(lines).toHaveLength(1 + lagging.length + 1 + counts.UNASSIGNED);
    for (const task of snapshot.laggingTasks) expect(lines.some((l) => l.includes(task.heading))).toBe(true);

    // Everyone signed in can read it now, and download the stored bytes.
    const forViewer = await bulletins.getBulletinFile(actors.viewer, firstId, "pdf");
    expect(Buffer.from(forViewer.content).equals(Buffer.from(files.PDF!.content))).toBe(true);
    expect(forViewer.contentType).toBe("application/pdf");
  });

  it("a published bulletin never changes; a correction is a new version and earlier ones stay", async () => {
    const before = await db.prisma.bulletin.findUniqueOrThrow({ where: { id: firstId } });
    const filesBefore = await storedFiles(firstId);

    // A task changes afterwards: a late approval in period 3 makes another task lagging.
    await report(
      actors.miit,
      miitTasks[1]!,
      { status: "LAGGING", progress: 15, progressText: "设备采购受阻。", problems: "芯片供应紧张" },
      new Date("2023-06-20T02:00:00Z"),
    );
    const after = await db.prisma.bulletin.findUniqueOrThrow({ where: { id: firstId } });
    expect(after.snapshot).toEqual(before.snapshot);
    expect(after.publishedAt).toEqual(before.publishedAt);
    const filesAfter = await storedFiles(firstId);
    for (const format of ["DOCX", "PDF", "XLSX", "CSV"]) {
      expect(filesAfter[format]!.sha256).toBe(filesBefore[format]!.sha256);
      expect(Buffer.from(filesAfter[format]!.content).equals(Buffer.from(filesBefore[format]!.content))).toBe(true);
    }
    const oldPdf = flat(await pdfText(filesAfter.PDF!.content));
    expect(oldPdf).not.toContain("芯片供应紧张");

    const correction = await bulletins.generateBulletin(actors.reviewer, { period: P3.code }, AFTER_P3);
    expect(correction).toMatchObject({ version: 2, outcome: "created" });
    const draft = await bulletins.getBulletinForPeriod(actors.reviewer, P3, null);
    expect(draft!.snapshot.laggingTasks.map((t) => t.taskId)).toContain(miitTasks[1]);
    // Readers still see version 1 until the correction is published.
    expect((await bulletins.getBulletinForPeriod(actors.viewer, P3, null))!.version).toBe(1);

    await bulletins.publishBulletin(actors.admin, { bulletinId: correction.id }, new Date("2023-07-05T02:00:00Z"));
    const states = await db.prisma.bulletin.findMany({
      where: { periodId: before.periodId },
      orderBy: { version: "asc" },
    });
    expect(states.map((b) => [b.version, b.state])).toEqual([
      [1, "SUPERSEDED"],
      [2, "PUBLISHED"],
    ]);
    const v2 = await storedFiles(correction.id);
    expect(flat(await pdfText(v2.PDF!.content))).toContain("芯片供应紧张");
    expect(v2.DOCX!.fileName).toBe("数字强省建设工作进展通报（2023年第3期）（第2版）.docx");
    expect((await docxText(v2.DOCX!.content)).text).toContain("第 2 版");
    // Version 1 stays downloadable, byte for byte.
    const old = await bulletins.getBulletinFile(actors.viewer, firstId, "docx");
    expect(Buffer.from(old.content).equals(Buffer.from(filesBefore.DOCX!.content))).toBe(true);
    const viewerList = await bulletins.listBulletins(actors.viewer);
    expect(viewerList.map((b) => [b.version, b.state])).toEqual([
      [2, "PUBLISHED"],
      [1, "SUPERSEDED"],
    ]);
    const view = await bulletins.getBulletinForPeriod(actors.viewer, P3, 1);
    expect(view).toMatchObject({ version: 1, state: "SUPERSEDED" });
    expect(view!.versions.map((v) => v.version)).toEqual([2, 1]);
  });
});

describe("locking a period", () => {
  const P4 = periodOf({ year: 2023, index: 4 });
  const LOCKED_AT = new Date("2023-08-20T02:00:00Z"); // in period 4
  const LATER = new Date("2023-08-25T02:00:00Z");

  it("reviewers lock and reopen, audited; editors and viewers cannot", async () => {
    for (const actor of [actors.viewer, actors.bureau]) {
      await expect(periods.lockPeriod(actor, { period: P4.code }, LOCKED_AT)).rejects.toSatisfy(
        (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
      );
    }
    await expect(periods.lockPeriod(actors.reviewer, { period: "2023-P6" }, LOCKED_AT)).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "VALIDATION",
    );
    await periods.lockPeriod(actors.reviewer, { period: P4.code }, LOCKED_AT);
    await expect(periods.lockPeriod(actors.admin, { period: P4.code }, LOCKED_AT)).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT",
    );
    const row = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { year_index: { year: 2023, index: 4 } } });
    expect(row).toMatchObject({ state: "LOCKED", lockedById: actors.reviewer.id });

    // A submission after the lock goes to the next open period.
    const saved = await updates.saveTaskUpdate(
      actors.bureau,
      {
        taskId: bureauTasks[4]!,
        intent: "submit",
        expectedVersion: 0,
        status: "ON_TRACK",
        progress: 10,
        progressText: "锁定后提交",
      },
      LATER,
    );
    expect(saved.update.periodCode).toBe("2023-P5");
    expect((await updates.getEditorState(actors.bureau, bureauTasks[4]!, LATER))!.period.code).toBe("2023-P5");

    await expect(periods.reopenPeriod(actors.viewer, { period: P4.code })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
    );
    await periods.reopenPeriod(actors.admin, { period: P4.code });
    await expect(periods.reopenPeriod(actors.admin, { period: P4.code })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT",
    );
    const reopened = await updates.saveTaskUpdate(
      actors.bureau,
      {
        taskId: bureauTasks[5]!,
        intent: "draft",
        expectedVersion: 0,
        status: "ON_TRACK",
        progress: 5,
        progressText: "重新开放后",
      },
      LATER,
    );
    expect(reopened.update.periodCode).toBe("2023-P4");

    const audit = await db.prisma.auditLog.findMany({
      where: { entityType: "reporting_period", entityId: P4.code },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true, before: true },
    });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["period.lock", "b-reviewer"],
      ["period.reopen", "b-admin"],
    ]);
    expect(audit[1]!.before).toMatchObject({ state: "LOCKED", lockedBy: "b-reviewer" });

    const recent = await periods.listRecentPeriods(LATER, 4);
    expect(recent.map((p) => p.code)).toEqual(["2023-P4", "2023-P3", "2023-P2", "2023-P1"]);
    expect(recent[1]).toMatchObject({ bulletin: { version: 2, state: "PUBLISHED" } });
  });
});

describe("GET /reports/files/{id}/{format}", () => {
  type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let GET: Handler;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    GET = (await import("../../app/(app)/reports/files/[id]/[format]/route")).GET as Handler;
    const { hashToken } = await import("../../lib/server/auth/session");
    for (const actor of [actors.viewer, actors.reviewer]) {
      const secret = `dpt_${actor.username}_${"x".repeat(24)}`;
      await db.prisma.apiToken.create({
        data: { userId: actor.id, name: "download", prefix: secret.slice(0, 10), tokenHash: hashToken(secret) },
      });
      tokens[actor.username] = secret;
    }
  });

  const download = (id: number, format: string, actor: Actor | null) =>
    GET(
      new Request(`http://localhost/reports/files/${id}/${format}`, {
        headers: actor ? { authorization: `Bearer ${tokens[actor.username]}` } : {},
      }),
      { params: Promise.resolve({ id: String(id), format }) },
    );

  it("serves a published file to any signed-in user as an attachment with its Chinese name", async () => {
    const published = await db.prisma.bulletin.findFirstOrThrow({ where: { state: "PUBLISHED" } });
    const expectedTypes = {
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      pdf: "application/pdf",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      csv: "text/csv; charset=utf-8",
    };
    for (const [format, type] of Object.entries(expectedTypes)) {
      const response = await download(published.id, format, actors.viewer);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      const disposition = response.headers.get("content-disposition")!;
      expect(disposition).toMatch(/^attachment; filename="bulletin-2023-P3-v2\.\w+"; filename\*=UTF-8''/);
      const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
      expect(decodeURIComponent(encoded)).toBe(`数字强省建设工作进展通报（2023年第3期）（第2版）.${format}`);
      const stored = await db.prisma.bulletinFile.findFirstOrThrow({
        where: { bulletinId: published.id, format: format.toUpperCase() as "PDF" },
      });
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(stored.content))).toBe(true);
    }
    expect((await download(published.id, "pdf", null)).status).toBe(401);
    expect((await download(published.id, "exe", actors.viewer)).status).toBe(422);
  });

  it("a draft is a 404 to viewers and rendered on demand for reviewers", async () => {
    const draft = await bulletins.generateBulletin(actors.reviewer, { period: P2.code }, AFTER_P3);
    expect((await download(draft.id, "xlsx", actors.viewer)).status).toBe(404);
    const response = await download(draft.id, "xlsx", actors.reviewer);
    expect(response.status).toBe(200);
    const book = await workbook(new Uint8Array(await response.arrayBuffer()));
    expect(book.getWorksheet("汇总")!.getRow(2).getCell(2).value).toBe("数字强省建设工作进展通报（2023年第2期）");
    expect(await db.prisma.bulletinFile.count({ where: { bulletinId: draft.id } })).toBe(0);
  });
});

describe("bulletins stored before the task states (schema version 1)", () => {
  const P1 = periodOf({ year: 2023, index: 1 });
  const v1Snapshot = {
    schemaVersion: 1,
    period: { year: 2023, index: 1, code: "2023-P1", start: P1.start, end: P1.end },
    previousPeriodCode: "2022-P6",
    generatedAt: "2023-03-01T00:00:00.000Z",
    summary: {
      totalTasks: 3,
      byStatus: { NOT_STARTED: 1, ON_TRACK: 1, AT_RISK: 0, LAGGING: 0, COMPLETED: 1, ONGOING: 0 },
      previousByStatus: { NOT_STARTED: 3, ON_TRACK: 0, AT_RISK: 0, LAGGING: 0, COMPLETED: 0, ONGOING: 0 },
      byDocument: [
        { key: "wp", label: "2023年工作要点", total: 3, completed: 1, lagging: 0, atRisk: 0, completionRate: 1 / 3 },
      ],
      byArea: [],
      indicatorsByStatus: { ACHIEVED: 0, ON_PACE: 0, AT_RISK: 0, BEHIND: 0, NO_DATA: 0 },
      reports: { submitted: 0, approved: 2, returned: 0, draft: 0 },
      departmentsInScope: 1,
      departmentsNotSubmitted: 0,
    },
    laggingTasks: [],
    newlyCompleted: [],
    departmentsNotSubmitted: [],
    indicators: [],
    narratives: [],
  };

  it("still open, render, download and publish", async () => {
    const row = await db.prisma.reportingPeriod.upsert({
      where: { year_index: { year: 2023, index: 1 } },
      create: {
        year: 2023,
        index: 1,
        startDate: new Date(`${P1.start}T00:00:00Z`),
        endDate: new Date(`${P1.end}T00:00:00Z`),
      },
      update: {},
    });
    const stored = await db.prisma.bulletin.create({
      data: {
        periodId: row.id,
        version: 1,
        state: "DRAFT",
        title: "数字强省建设工作进展通报（2023年第1期）",
        issueLabel: "2023年第1期",
        issuer: "山东省数字强省建设领导小组办公室",
        snapshot: v1Snapshot,
        createdById: actors.reviewer.id,
      },
    });
    const view = await bulletins.getBulletinForPeriod(actors.reviewer, P1, null);
    expect(view!.snapshot.summary.byStatus).toMatchObject({ COMPLETED: 1, ON_TRACK: 1, UNASSIGNED: 0, NO_REPORT: 0 });
    const t = createTranslator("zh-CN");
    const texts = composeBulletin(view!.snapshot, view!.meta, t, "zh-CN").map((b) => ("text" in b ? b.text : ""));
    // As it was written then: its own comparison, no roll-up it never had.
    expect(texts).toContain("较上期：已完成 +1，存在风险 0，滞后 0。");
    for (const format of ["docx", "pdf", "xlsx", "csv"] as const) {
      const file = await bulletins.getBulletinFile(actors.reviewer, stored.id, format);
      expect(file.content.byteLength).toBeGreaterThan(0);
    }
    await bulletins.publishBulletin(actors.reviewer, { bulletinId: stored.id }, AFTER_P3);
    const published = await bulletins.getBulletinForPeriod(actors.viewer, P1, null);
    expect(published).toMatchObject({ state: "PUBLISHED", version: 1 });
    const pdf = flat(await pdfText((await bulletins.getBulletinFile(actors.viewer, stored.id, "pdf")).content));
    expect(pdf).toContain("纳入本期通报的任务共3项");
  });
});
