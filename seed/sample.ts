/**
 * Sample data for the embedded demo, so that the dashboards have something to show before any
 * department has reported: task reports (a submitted and an approved version for the last closed
 * reporting period, and submissions or drafts for the current one) and indicator values.
 *
 * Honesty rules:
 * - every generated row carries `isSample = true` (task_update, observation); tasks whose status a
 *   sample report set are recognisable by their latest approved report being a sample one, and the
 *   milestones such a report completed are listed in its `milestoneDates`;
 * - the app_setting `sampleData` records when and what was generated; while it exists, every page shows
 *   a banner saying the figures are sample data (components/layout/sample-data-banner.tsx);
 * - it runs only when asked: by default on the first start of the embedded database (the demo), or
 *   with SEED_SAMPLE_DATA=true; never against DATABASE_URL otherwise (see seed/seed.ts).
 * - generated values are labelled in the UI (observations' 示例数据 tag) and carry a note saying so.
 *
 * Deterministic: the same database gets the same sample (a seeded PRNG), so screenshots and support
 * conversations refer to the same figures.
 */
import type { Db } from "../lib/db/client";
import { utcDay, utcMidnight } from "../lib/domain/dates";
import { toBaseUnit, toDisplayUnit, unitScaleOf } from "../lib/domain/indicator-units";
import { valueBounds, valueKind, type ValueKind } from "../lib/domain/indicator-values";
import { periodContaining, previousPeriod, shanghaiDate, type Period } from "../lib/domain/periods";
import type { TaskStatus } from "../lib/domain/task-status";
import { applyAssignment } from "../lib/server/assignments";

export const SAMPLE_SETTING = "sampleData";

export interface SampleSummary {
  generatedAt: string;
  taskReports: number;
  observations: number;
  /** Plan tasks given a sample assignment (the rest of the plan stays 待明确责任单位). */
  sampleAssignments?: number;
}

/**
 * The sample assignment (issue 15): the first SAMPLE_ASSIGNED_TASKS tasks of the five-year plan whose text
 * names no unit get a lead (and a responsible) unit, written through the one write path
 * (lib/server/assignments.ts) by the demo reviewer, each change marked isSample and its note 【示例数据】.
 * Only a handful, on purpose: the rest of the plan's 178 tasks stay 待明确责任单位, so the 任务分工表
 * flow (download, fill, upload; the overview's count drops) can still be shown on the demo.
 */
export const SAMPLE_ASSIGNED_TASKS = 10;
const SAMPLE_UNITS: [lead: string, responsible: string][] = [
  ["省通信管理局", "省工业和信息化厅"],
  ["省大数据局", "省发展改革委"],
  ["省工业和信息化厅", "省科技厅"],
  ["省发展改革委", "省大数据局"],
  ["省科技厅", "省教育厅"],
];

async function generateSampleAssignments(db: Db, today: string, log: (line: string) => void): Promise<number> {
  if (await db.taskAssignmentChange.findFirst({ where: { isSample: true }, select: { id: true } })) return 0;
  const reviewer = await db.user.findFirst({
    where: { role: "REVIEWER", isDemo: true, active: true },
    select: { id: true },
  });
  if (!reviewer) {
    log("sample data: no demo reviewer, no sample assignment");
    return 0;
  }
  const names = [...new Set(SAMPLE_UNITS.flat())];
  const departments = new Map(
    (await db.department.findMany({ where: { name: { in: names } }, select: { id: true, name: true } })).map((d) => [
      d.name,
      d.id,
    ]),
  );
  const tasks = await db.task.findMany({
    where: {
      document: { slug: "plan-2021-2025" },
      retiredAt: null,
      assignmentDecided: false,
      assignments: { none: {} },
    },
    orderBy: { ordinal: "asc" },
    take: SAMPLE_ASSIGNED_TASKS,
    select: { id: true, document: { select: { periodStart: true } } },
  });
  let assigned = 0;
  await db.$transaction(async (tx) => {
    for (const [i, task] of tasks.entries()) {
      const [lead, responsible] = SAMPLE_UNITS[i % SAMPLE_UNITS.length]!;
      const leadId = departments.get(lead);
      const responsibleId = departments.get(responsible);
      if (leadId === undefined || responsibleId === undefined) continue;
      const start = utcDay(task.document.periodStart);
      const result = await applyAssignment(
        tx,
        task.id,
        { lead: [leadId], responsible: [responsibleId], cooperating: [] },
        {
          actorId: reviewer.id,
          note: "【示例数据】演示用的示例分工，不是正式任务分工方案。",
          effectiveDate: today < start ? start : today,
          channel: "BROWSER",
          today: today < start ? start : today,
          isSample: true,
        },
      );
      if (result.changed) assigned += 1;
    }
  });
  return assigned;
}

/** mulberry32: small, fast, good enough for demo figures (and replayable test inputs). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** Work points of past years are mostly done; the plan's tasks run until 2025; all have laggards. */
function statusWeights(periodEnd: string, reportEnd: string): [TaskStatus, number][] {
  const over = periodEnd < reportEnd;
  return over
    ? [
        ["COMPLETED", 62],
        ["ONGOING", 14],
        ["ON_TRACK", 8],
        ["AT_RISK", 7],
        ["LAGGING", 9],
      ]
    : [
        ["COMPLETED", 18],
        ["ON_TRACK", 42],
        ["ONGOING", 14],
        ["AT_RISK", 12],
        ["LAGGING", 9],
        ["NOT_STARTED", 5],
      ];
}

const PROGRESS_TEXT: Record<TaskStatus, string> = {
  COMPLETED: "【示例数据】各项工作已按计划完成，相关成果已通过验收。",
  ON_TRACK: "【示例数据】按计划推进，已完成阶段性工作，正在开展下一阶段任务。",
  ONGOING: "【示例数据】已转入常态化推进，按月调度、按季通报。",
  AT_RISK: "【示例数据】整体推进，但部分环节进度偏慢，存在不能按期完成的风险。",
  LAGGING: "【示例数据】受资金和项目审批影响，进度滞后于计划。",
  NOT_STARTED: "【示例数据】前期论证中，尚未正式启动。",
};

const PROBLEMS: Partial<Record<TaskStatus, string>> = {
  AT_RISK: "【示例数据】部分配套资金未到位。",
  LAGGING: "【示例数据】项目审批周期长，建设进度慢于预期。",
};

async function periodRow(db: Db, period: Period): Promise<number | null> {
  const row = await db.reportingPeriod.findUnique({
    where: { year_index: { year: period.year, index: period.index } },
    select: { id: true },
  });
  return row?.id ?? null;
}

/**
 * Generates the sample unless it is complete already. Safe to re-run and to interrupt:
 * - the `sampleData` setting is written first (state "generating"), so the banner is up before the
 *   first sample row exists, and is marked complete at the end;
 * - only tasks without any report and indicators without any value get sample data, so real reports
 *   and values are never touched or overridden, and a resumed run carries on where it stopped;
 * - task reports are written in batches of one transaction each (whole reports or none).
 */
export async function generateSampleData(
  db: Db,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<SampleSummary | null> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const existing = await db.appSetting.findUnique({ where: { key: SAMPLE_SETTING } });
  const state = (existing?.value as { state?: string } | null)?.state;
  if (existing && state !== "generating") {
    log("sample data: already present");
    return null;
  }
  if (existing) log("sample data: resuming an interrupted run");
  else {
    await db.appSetting.create({
      data: { key: SAMPLE_SETTING, value: { state: "generating", generatedAt: now.toISOString() } },
    });
  }
  const random = prng(20_230_601);
  const current = periodContaining(now);
  const closed = previousPeriod(current);
  const [currentId, closedId] = [await periodRow(db, current), await periodRow(db, closed)];
  if (currentId === null || closedId === null) throw new Error("sample data: reporting periods are missing");
  const today = shanghaiDate(now);

  // The approving reviewer of the sample reports: the demo reviewer when there is one.
  const reviewer = await db.user.findFirst({ where: { role: "REVIEWER", isDemo: true }, select: { id: true } });
  const tasks = await db.task.findMany({
    where: {
      retiredAt: null,
      assignments: { some: { role: "LEAD", department: { generic: false } } },
      updates: { none: {} },
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      document: { select: { periodEnd: true } },
      assignments: {
        where: { role: "LEAD", department: { generic: false } },
        orderBy: { ordinal: "asc" },
        take: 1,
        select: { departmentId: true, department: { select: { users: { select: { id: true }, take: 1 } } } },
      },
      milestones: {
        where: { retiredAt: null, completedDate: null },
        select: { id: true, dueDate: true },
      },
    },
  });

  let taskReports = 0;
  const BATCH = 20;
  for (let start = 0; start < tasks.length; start += BATCH) {
    const batch = tasks.slice(start, start + BATCH);
    await db.$transaction(
      async (tx) => {
        for (const task of batch) {
          const lead = task.assignments[0]!;
          const authorId = lead.department.users[0]?.id ?? null;
          const status = pick(random, statusWeights(utcDay(task.document.periodEnd), closed.end));
          const progress =
            status === "COMPLETED"
              ? 100
              : status === "NOT_STARTED"
                ? 0
                : Math.round(20 + random() * (status === "LAGGING" ? 30 : 60));
          // A completed task has completed every milestone: on its due date, or by the period's end.
          const completed =
            status === "COMPLETED"
              ? task.milestones.map((m) => ({
                  milestoneId: m.id,
                  completedDate: utcDay(m.dueDate) <= closed.end ? utcDay(m.dueDate) : closed.end,
                }))
              : [];
          const content = {
            taskId: task.id,
            periodId: closedId,
            departmentId: lead.departmentId,
            kind: "LEAD_REPORT" as const,
            status,
            progress,
            progressText: PROGRESS_TEXT[status],
            problems: PROBLEMS[status] ?? "",
            nextSteps: status === "COMPLETED" ? "" : "【示例数据】继续按计划推进。",
            milestoneDates: completed,
            authorId,
            isSample: true,
          };
          await tx.taskUpdate.create({ data: { ...content, version: 1, reviewState: "SUBMITTED" } });
          await tx.taskUpdate.create({
            data: { ...content, version: 2, reviewState: "APPROVED", authorId: reviewer?.id ?? null },
          });
          taskReports += 1;
          for (const m of completed) {
            await tx.milestone.updateMany({
              where: { id: m.milestoneId, completedDate: null },
              data: { completedDate: utcMidnight(m.completedDate) },
            });
          }
          await tx.task.update({
            where: { id: task.id },
            data: { currentStatus: status, currentProgress: progress, statusUpdatedAt: utcMidnight(closed.end) },
          });
          // As an approval would, with the sample named as the actor.
          await tx.auditLog.create({
            data: {
              actorId: reviewer?.id ?? null,
              actorLabel: "sample-data",
              action: "task.status",
              entityType: "task",
              entityId: String(task.id),
              before: { status: "NOT_STARTED", progress: 0 },
              after: { status, progress, milestones: completed, sample: true },
            },
          });
          await tx.$executeRaw`
          UPDATE "task" SET "nextDueDate" = (
            SELECT min(m."dueDate") FROM "milestone" m
            WHERE m."taskId" = ${task.id} AND m."completedDate" IS NULL AND m."retiredAt" IS NULL)
          WHERE id = ${task.id}`;

          // The current period: most open tasks have reported, some only drafted, some not at all.
          if (status !== "COMPLETED") {
            const state = pick(random, [
              ["SUBMITTED", 55],
              ["DRAFT", 15],
              ["NONE", 30],
            ] as [string, number][]);
            if (state !== "NONE") {
              await tx.taskUpdate.create({
                data: {
                  ...content,
                  periodId: currentId,
                  milestoneDates: [],
                  version: 1,
                  reviewState: state === "SUBMITTED" ? "SUBMITTED" : "DRAFT",
                },
              });
              taskReports += 1;
            }
          }
        }
      },
      { timeout: 60_000 },
    );
    log(`sample data: task reports ${Math.min(start + BATCH, tasks.length)}/${tasks.length}`);
  }

  const observations = await generateObservations(db, random, today);
  log(`sample data: ${observations} indicator values`);
  const sampleAssignments = await generateSampleAssignments(db, today, log);
  log(`sample data: ${sampleAssignments} plan tasks given a sample assignment`);
  const summary: SampleSummary = { generatedAt: now.toISOString(), taskReports, observations, sampleAssignments };
  await db.appSetting.update({ where: { key: SAMPLE_SETTING }, data: { value: { state: "complete", ...summary } } });
  return summary;
}

/** Within this share of the path short of a target, a generated value is set on the target. */
const SNAP_SHARE = 0.03;
/** Provinces a national ranking runs over. */
const RANK_PLACES = 31;

/**
 * Year-end values along the path from the baseline to the last level target, at a pace drawn per
 * indicator (ahead, on pace, slightly behind, well behind), with a little noise on the share of the way;
 * never after today. Values that could be real (lib/domain/indicator-values.ts `valueKind`):
 * - counts (个, 家, 万个 …) are whole numbers of the base unit, rankings whole places in 1–31, shares
 *   within 0–100 %; everything but a rate of change moves only towards the target (monotone), so a
 *   cumulative level never falls;
 * - a value within 3 % of the path short of a level target (or 5 % of the increment short of an annual
 *   target's derived level) is set on it, so no indicator is 滞后 only because of rounding (29.9 of 30);
 * - annual targets ("年内新建N", cumulative = false) are increments, not levels: the path runs to the last
 *   level target; with annual targets only, it gains the increment each year from the baseline (or,
 *   without one, from a stock of three years' increments at the year-end before the first document).
 * Without a baseline the path starts at that year-end (60 % of the target, or the stock above), which is
 * then recorded as a value too, so later annual targets have a previous year-end value.
 */
async function generateObservations(db: Db, random: () => number, today: string): Promise<number> {
  const indicators = await db.indicator.findMany({
    // Indicators with a recorded value (real, or sample from an interrupted run) keep theirs.
    where: { mergedIntoId: null, targets: { some: { retiredAt: null } }, observations: { none: {} } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      unit: true,
      unitScale: true,
      targets: {
        where: { retiredAt: null },
        orderBy: { dueDate: "asc" },
        select: {
          normalizedValue: true,
          dueDate: true,
          cumulative: true,
          document: { select: { periodStart: true } },
        },
      },
      baselines: {
        where: { retiredAt: null },
        orderBy: { asOf: "desc" },
        take: 1,
        select: { normalizedValue: true, asOf: true },
      },
    },
  });
  const rows: {
    indicatorId: number;
    value: number;
    normalizedValue: number;
    asOf: Date;
  }[] = [];
  for (const indicator of indicators) {
    const scale = unitScaleOf(indicator.unitScale);
    const subject = { unit: indicator.unit, name: indicator.name, unitScale: scale };
    const kind = valueKind(subject);
    const levels = indicator.targets.filter((t) => t.cumulative !== false);
    const baseline = indicator.baselines[0];
    const firstStart = utcDay(indicator.targets[0]!.document.periodStart);
    const startDate = baseline ? utcDay(baseline.asOf) : `${Number(firstStart.slice(0, 4)) - 1}-12-31`;
    let startValue: number;
    let targetValue: number;
    let endDate: string;
    if (levels.length > 0) {
      const last = levels[levels.length - 1]!;
      targetValue = Number(last.normalizedValue);
      endDate = utcDay(last.dueDate);
      startValue = baseline ? Number(baseline.normalizedValue) : targetValue * 0.6;
    } else {
      const last = indicator.targets[indicator.targets.length - 1]!;
      const increment = Number(last.normalizedValue);
      endDate = utcDay(last.dueDate);
      startValue = baseline ? Number(baseline.normalizedValue) : increment * 3;
      const years = Number(endDate.slice(0, 4)) - Number(startDate.slice(0, 4));
      targetValue = startValue + increment * years;
    }
    if (endDate <= startDate) continue;
    const pace = pick(random, [
      [1.12, 30],
      [1.0, 30],
      [0.88, 20],
      [0.6, 20],
    ]);
    const path = targetValue - startValue;
    const towards = Math.sign(path);
    const levelValues = levels.map((t) => Number(t.normalizedValue));
    const span = utcMidnight(endDate).getTime() - utcMidnight(startDate).getTime();
    let previous = startValue;
    let previousDate = startDate;
    // Annual targets by due date: the year's increment on top of the previous year-end value.
    const annualBy = new Map(
      indicator.targets
        .filter((t) => t.cumulative === false)
        .map((t) => [utcDay(t.dueDate), Number(t.normalizedValue)]),
    );
    const dates = baseline || startDate > today ? [] : [startDate];
    for (let year = Number(startDate.slice(0, 4)); ; year++) {
      const asOf = `${year}-12-31`;
      if (asOf <= startDate) continue;
      if (asOf > today || asOf > endDate) break;
      dates.push(asOf);
    }
    for (const asOf of dates) {
      const elapsed = (utcMidnight(asOf).getTime() - utcMidnight(startDate).getTime()) / span;
      const noise = asOf === startDate ? 1 : 1 + (random() - 0.5) * 0.04;
      const share = Math.min(1.1, elapsed * pace * noise);
      let normalized = startValue + path * share;
      // Just short of a level target (by less than SNAP_SHARE of the path): on it.
      for (const level of levelValues) {
        const short = (level - normalized) * towards;
        if (short > 0 && short < Math.abs(path) * SNAP_SHARE) normalized = level;
      }
      // Just short of an annual target's derived level (by less than 5 % of its increment): on it.
      const increment = annualBy.get(asOf);
      if (increment !== undefined && previousDate.slice(0, 4) === String(Number(asOf.slice(0, 4)) - 1)) {
        const short = previous + increment - normalized;
        if (short > 0 && short < Math.abs(increment) * 0.05) normalized = previous + increment;
      }
      // Only towards the target: a level of things built does not fall back.
      if (kind !== "CHANGE_RATE" && (normalized - previous) * towards < 0) normalized = previous;
      const value = sampleValue(toDisplayUnit(normalized, scale), kind, scale, valueBounds(subject).max ?? 100);
      previous = toBaseUnit(value, scale);
      previousDate = asOf;
      rows.push({ indicatorId: indicator.id, value, normalizedValue: previous, asOf: utcMidnight(asOf) });
    }
  }
  if (rows.length === 0) return 0;
  await db.observation.createMany({
    data: rows.map((r) => ({
      ...r,
      source: "STATISTICAL_BULLETIN" as const,
      sourceDetail: "示例数据（系统生成） · sample data",
      note: "示例数据，并非真实统计 · generated sample, not a real statistic",
      isSample: true,
    })),
  });
  return rows.length;
}

/**
 * A generated value in the display unit, rounded as its kind requires: a ranking to a whole place in
 * 1–31; a count to whole base units (2 decimals of a 万/亿 display unit, which are whole base units);
 * a share to one decimal within 0–100 % (0–1000 ‰: `shareMax`); anything else to whole units from 100 up, else 2
 * decimals.
 */
function sampleValue(value: number, kind: ValueKind, scale: number, shareMax: number): number {
  switch (kind) {
    case "RANK":
      return Math.min(RANK_PLACES, Math.max(1, Math.round(value)));
    case "COUNT": {
      const decimals = scale >= 100 ? 2 : 0;
      return Math.max(0, Number(value.toFixed(decimals)));
    }
    case "SHARE":
      return Math.min(shareMax, Math.max(0, Number(value.toFixed(1))));
    case "CHANGE_RATE":
      return Number(value.toFixed(1));
    case "AMOUNT":
      return Number(value.toFixed(Math.abs(value) >= 100 ? 0 : 2));
  }
}
