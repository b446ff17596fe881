import "server-only";
/**
 * 我的待办 (/my): what each role has to do, read set-based (one statement per section, whatever the
 * unit's size), with the same rules as the pages the sections link to:
 * - an editor: the department's report duty for the current period (lib/server/report-duty.ts, the rule
 *   of the department page and /review's 督办 list) — not filed, returned (with the reviewer's comment),
 *   drafts — and the milestones it answers for (as lead or responsible unit, as on the department page)
 *   overdue or due within MILESTONE_HORIZON_DAYS;
 * - a reviewer: the review queue (the latest version of each report thread is submitted — /review's
 *   queue) grouped by unit, and the units with reports missing this period (/review's 督办 list);
 * - everyone: the tasks and indicators they follow (关注).
 * Each list shows at most MY_LIST_LIMIT rows; its count is always the whole.
 */
import { periodContaining, type Period } from "../domain/periods";
import { taskHeading } from "../domain/task-heading";
import type { TaskState } from "../domain/task-state";
import type { Actor } from "./auth/actor";
import { getDb } from "./db";
import { findPeriodRow } from "./periods";
import {
  listOpenReportDuty,
  listReportDuty,
  type OpenDutyTask,
  type ReportDutyRow,
  type SubmissionState,
} from "./report-duty";
import { taskStateSql } from "./task-state";

export const MY_LIST_LIMIT = 50;
/** The reviewer's queue: the units with the most waiting first, and the oldest few of each. */
export const QUEUE_UNIT_LIMIT = 20;
export const QUEUE_ITEMS_PER_UNIT = 5;
export const MILESTONE_HORIZON_DAYS = 60;

export interface MyPeriod {
  code: string;
  year: number;
  index: number;
  start: string;
  end: string;
  state: "OPEN" | "LOCKED";
}

export interface MyMilestone {
  id: number;
  taskId: number;
  taskNumber: string;
  documentShortTitle: string;
  dueDate: string;
  text: string;
}

export interface EditorWork {
  departmentId: number;
  departmentName: string;
  period: MyPeriod;
  /** Every state's count over the unit's duty; owed = their sum (the department page's figures). */
  counts: Record<SubmissionState, number>;
  owed: number;
  notFiled: OpenDutyTask[];
  returned: OpenDutyTask[];
  drafts: OpenDutyTask[];
  overdue: { total: number; items: MyMilestone[] };
  dueSoon: { total: number; items: MyMilestone[] };
}

export interface QueueItem {
  updateId: number;
  taskId: number;
  taskNumber: string;
  heading: string;
  documentShortTitle: string;
  kind: "LEAD_REPORT" | "CONTRIBUTION";
  periodCode: string;
  submittedAt: string;
}

export interface QueueUnit {
  departmentId: number;
  departmentName: string;
  total: number;
  items: QueueItem[];
}

export interface ReviewerWork {
  period: MyPeriod;
  queueTotal: number;
  /** How many units have reports waiting; `queue` holds the first QUEUE_UNIT_LIMIT of them. */
  queueUnits: number;
  queue: QueueUnit[];
  /** /review's 督办 rows with something missing, most missing first: the first MY_LIST_LIMIT. */
  missing: ReportDutyRow[];
  missingUnits: number;
}

export interface FollowedTask {
  id: number;
  number: string;
  heading: string;
  documentShortTitle: string;
  state: TaskState;
}

export interface FollowedIndicator {
  id: number;
  name: string;
  unit: string;
  latestValue: string | null;
  latestAsOf: string | null;
}

export interface FollowedWork {
  tasks: FollowedTask[];
  indicators: FollowedIndicator[];
}

async function periodInfo(period: Period): Promise<MyPeriod> {
  const row = await findPeriodRow(getDb(), period);
  return {
    code: period.code,
    year: period.year,
    index: period.index,
    start: period.start,
    end: period.end,
    // A period without a row has had no report yet, and is open.
    state: row?.state ?? "OPEN",
  };
}

const periodAt = (today: string) => periodContaining(new Date(`${today}T12:00:00+08:00`));

/** An editor's 待办; null for an actor without a department. `today` is the Shanghai date (YYYY-MM-DD). */
export async function getEditorWork(actor: Actor, today: string): Promise<EditorWork | null> {
  if (actor.departmentId === null) return null;
  const departmentId = actor.departmentId;
  const db = getDb();
  const period = periodAt(today);
  const [info, duty, milestones] = await Promise.all([
    periodInfo(period),
    listOpenReportDuty(period, departmentId, MY_LIST_LIMIT),
    // The department page's milestone rule (lead or responsible unit, current task and milestone,
    // not completed), bucketed: overdue (due before today) and due within the horizon.
    db.$queryRaw<(MyMilestone & { bucket: "OVERDUE" | "SOON"; total: number })[]>`
      SELECT x.id, x."taskId", x."taskNumber", x."documentShortTitle", x."dueDate", x.text, x.bucket, x.total
      FROM (
        SELECT m.id, t.id AS "taskId", t.number AS "taskNumber", d."shortTitle" AS "documentShortTitle",
          to_char(m."dueDate", 'YYYY-MM-DD') AS "dueDate", m.text,
          CASE WHEN m."dueDate" < ${today}::date THEN 'OVERDUE' ELSE 'SOON' END AS bucket,
          (count(*) OVER (PARTITION BY m."dueDate" < ${today}::date))::int AS total,
          row_number() OVER (PARTITION BY m."dueDate" < ${today}::date
                             ORDER BY m."dueDate", t."documentId", t.ordinal, m.ordinal, m.id) AS rn
        FROM "task_assignment" a
        JOIN "task" t ON t.id = a."taskId" AND t."retiredAt" IS NULL
        JOIN "document" d ON d.id = t."documentId"
        JOIN "milestone" m ON m."taskId" = t.id
        WHERE a."departmentId" = ${departmentId} AND a.role IN ('LEAD', 'RESPONSIBLE')
          AND m."retiredAt" IS NULL AND m."completedDate" IS NULL
          AND m."dueDate" <= ${today}::date + ${MILESTONE_HORIZON_DAYS}::int
      ) x
      WHERE x.rn <= ${MY_LIST_LIMIT}
      ORDER BY x."dueDate", x.id`,
  ]);
  const bucket = (name: "OVERDUE" | "SOON") => {
    const rows = milestones.filter((m) => m.bucket === name);
    return { total: rows[0]?.total ?? 0, items: rows.map(({ bucket: _b, total: _t, ...m }) => m) };
  };
  const counts = duty.counts;
  return {
    departmentId,
    departmentName: actor.departmentName ?? "",
    period: info,
    counts,
    owed: Object.values(counts).reduce((sum, n) => sum + n, 0),
    notFiled: duty.open.filter((task) => task.state === "NONE"),
    returned: duty.open.filter((task) => task.state === "RETURNED"),
    drafts: duty.open.filter((task) => task.state === "DRAFT"),
    overdue: bucket("OVERDUE"),
    dueSoon: bucket("SOON"),
  };
}

/** A reviewer's 待办: the queue by unit and the units with reports missing this period. */
export async function getReviewerWork(today: string): Promise<ReviewerWork> {
  const period = periodAt(today);
  const [info, queue, duty] = await Promise.all([
    periodInfo(period),
    // /review's queue: report threads whose latest version is submitted, any period; oldest first.
    getDb().$queryRaw<
      (Omit<QueueItem, "heading" | "submittedAt"> & {
        title: string | null;
        text: string;
        departmentId: number;
        departmentName: string;
        submittedAt: Date;
        total: number;
        queueTotal: number;
        queueUnits: number;
      })[]
    >`
      SELECT y.* FROM (
      SELECT x.*, dense_rank() OVER (ORDER BY x.total DESC, x."departmentName", x."departmentId") AS unit_rank,
             (count(*) OVER ())::int AS "queueTotal",
             (count(*) FILTER (WHERE x.rn = 1) OVER ())::int AS "queueUnits"
      FROM (
        SELECT u.id AS "updateId", t.id AS "taskId", t.number AS "taskNumber", t.title, t.text,
          d."shortTitle" AS "documentShortTitle", u.kind::text AS kind,
          p.year || '-P' || p.index AS "periodCode", u."createdAt" AS "submittedAt",
          dep.id AS "departmentId", dep.name AS "departmentName",
          (count(*) OVER (PARTITION BY dep.id))::int AS total,
          row_number() OVER (PARTITION BY dep.id ORDER BY u."createdAt", u.id) AS rn
        FROM "task_update" u
        JOIN "task" t ON t.id = u."taskId"
        JOIN "document" d ON d.id = t."documentId"
        JOIN "reporting_period" p ON p.id = u."periodId"
        JOIN "department" dep ON dep.id = u."departmentId"
        WHERE u."reviewState" = 'SUBMITTED'
          AND NOT EXISTS (SELECT 1 FROM "task_update" v
                          WHERE v."taskId" = u."taskId" AND v."periodId" = u."periodId"
                            AND v."departmentId" = u."departmentId" AND v.version > u.version)
      ) x
      ) y
      WHERE y.unit_rank <= ${QUEUE_UNIT_LIMIT} AND y.rn <= ${QUEUE_ITEMS_PER_UNIT}
      ORDER BY y.unit_rank, y.rn`,
    listReportDuty(period),
  ]);
  const units = new Map<number, QueueUnit>();
  for (const row of queue) {
    let unit = units.get(row.departmentId);
    if (!unit) {
      unit = { departmentId: row.departmentId, departmentName: row.departmentName, total: row.total, items: [] };
      units.set(row.departmentId, unit);
    }
    unit.items.push({
      updateId: row.updateId,
      taskId: row.taskId,
      taskNumber: row.taskNumber,
      heading: taskHeading({ title: row.title, text: row.text }),
      documentShortTitle: row.documentShortTitle,
      kind: row.kind,
      periodCode: row.periodCode,
      submittedAt: row.submittedAt.toISOString(),
    });
  }
  const missing = duty.filter((row) => row.missing > 0);
  return {
    period: info,
    queueTotal: queue[0]?.queueTotal ?? 0,
    queueUnits: queue[0]?.queueUnits ?? 0,
    queue: [...units.values()],
    missing: missing.slice(0, MY_LIST_LIMIT),
    missingUnits: missing.length,
  };
}

/** The tasks and indicators `userId` follows, most recently followed first. */
export async function getFollowedWork(userId: number, today: string): Promise<FollowedWork> {
  const db = getDb();
  const [tasks, indicators] = await Promise.all([
    db.$queryRaw<(Omit<FollowedTask, "heading"> & { title: string | null; text: string })[]>`
      SELECT t.id, t.number, t.title, t.text, d."shortTitle" AS "documentShortTitle",
             ${taskStateSql(today)} AS state
      FROM "follow" f
      JOIN "task" t ON t.id = f."taskId"
      JOIN "document" d ON d.id = t."documentId"
      WHERE f."userId" = ${userId}
      ORDER BY f."createdAt" DESC, f.id DESC`,
    // A merged indicator is shown as the one it was merged into (as its own page does).
    db.$queryRaw<(FollowedIndicator & { createdAt: Date })[]>`
      SELECT DISTINCT ON (i.id) i.id, i.name, i.unit, o.value::text AS "latestValue",
             to_char(o."asOf", 'YYYY-MM-DD') AS "latestAsOf", f."createdAt"
      FROM "follow" f
      JOIN "indicator" src ON src.id = f."indicatorId"
      JOIN "indicator" i ON i.id = COALESCE(src."mergedIntoId", src.id)
      LEFT JOIN LATERAL (
        SELECT o.value, o."asOf" FROM "observation" o
        WHERE o."indicatorId" = i.id
          AND NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)
        ORDER BY o."asOf" DESC, o.id DESC LIMIT 1
      ) o ON true
      WHERE f."userId" = ${userId}
      ORDER BY i.id, f."createdAt" DESC`,
  ]);
  return {
    tasks: tasks.map(({ title, text, ...task }) => ({ ...task, heading: taskHeading({ title, text }) })),
    indicators: indicators.map(({ createdAt: _c, ...i }) => i).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
  };
}
