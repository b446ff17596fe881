import "server-only";
/**
 * The bimonthly bulletin: assembly from the database, the draft → published lifecycle, and the reads
 * behind /reports (the periods' lock and list are in lib/server/periods.ts). The rules behind every figure are in
 * lib/reports/bulletin.ts.
 *
 * Assembly is aggregate-based so it scales to 50,000 tasks: one CTE works out each task's state at
 * the period and at the previous one (lib/server/task-state.ts over the approved lead reports), and
 * every table of the bulletin is a GROUP BY or a filtered list over it; no task row is loaded unless it
 * is printed (lagging, newly completed, narratives).
 *
 * Lifecycle: generating creates a DRAFT (or refreshes the open draft of the period, or — after a
 * publication — starts version N+1, the correction). Publishing renders the four files from the draft's
 * snapshot and stores them with it; from then on neither snapshot nor files are ever written again (the
 * only later change is the state PUBLISHED → SUPERSEDED when a correction is published). Every mutation
 * is REVIEWER/ADMIN only and audited in its transaction.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { periodCode, previousPeriod, shanghaiDate, type Period } from "../domain/periods";
import type { TaskState } from "../domain/task-state";
import { createTranslator } from "../i18n/catalogue";
import {
  BULLETIN_CONTENT_TYPES,
  BULLETIN_FILE_FORMATS,
  BULLETIN_ISSUER,
  BULLETIN_SCHEMA_VERSION,
  bulletinFileName,
  bulletinTitle,
  emptyIndicatorCounts,
  rankNarratives,
  summariseStatusGroups,
  truncateNarrative,
  upgradeSnapshot,
  type BulletinDepartment,
  type BulletinFileFormat,
  type BulletinMeta,
  type BulletinNarrative,
  type BulletinSnapshot,
  type BulletinTask,
  type StatusGroup,
} from "../reports/bulletin";
import { renderBulletinFile } from "../reports/bulletin-files";
import { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound, type Deed } from "./errors";
import { listIndicators } from "./indicators";
import { ensurePeriod, findPeriodRow, periodCodeSchema, refuseFuturePeriod } from "./periods";
import { listReportDuty } from "./report-duty";
import { firstClause } from "./task-search";
import { pastDueSql, reportAtPeriod, taskStateSql, type ReportSource } from "./task-state";
import { msg } from "../i18n/message";

type Tx = Prisma.TransactionClient;

const PROBLEMS_MAX_CHARS = 200;

// ───────────────────────────── assembly ─────────────────────────────

export interface AssemblyProgress {
  step: number;
  steps: number;
  label: string;
}

export interface AssembleOptions {
  /** Called before each step, for the CLI's progress display. */
  onProgress?: (progress: AssemblyProgress) => void;
  now?: Date;
}

/** A YYYY-MM-DD day as an SQL date literal. */
const sqlDate = (iso: string) => Prisma.sql`${iso}::date`;

/** The day a period's states are judged on: its last day, or the generation day when that is earlier. */
export function bulletinAsOf(period: Pick<Period, "end">, now: Date): string {
  const today = shanghaiDate(now);
  return today < period.end ? today : period.end;
}

const AT_PERIOD: ReportSource = { status: Prisma.sql`cur.status` };
const AT_PREVIOUS: ReportSource = { status: Prisma.sql`prev.status` };

/**
 * The tasks in scope with their state at the period (judged on `asOf`) and at the previous period (on its
 * last day), as a WITH clause; the reported status behind each (NULL when none was approved) is kept to
 * tell a completion in the period from a first report that says 已完成.
 */
const scopedTasks = (period: Period, asOf: string) => {
  const before = previousPeriod(period);
  return Prisma.sql`
  WITH cur AS (${reportAtPeriod(period)}),
  prev AS (${reportAtPeriod(before)}),
  docs AS (
    SELECT d.id, d.slug, d."shortTitle", (row_number() OVER (ORDER BY d."periodStart", d.id))::int AS ord
    FROM "document" d WHERE d."periodStart" <= ${sqlDate(period.end)}
  ),
  scoped AS (
    SELECT t.id, t.number, t.title, left(t.text, 400) AS text, t.area, t.ordinal,
           docs.slug, docs."shortTitle", docs.ord AS "docOrder",
           ${taskStateSql(asOf, AT_PERIOD)} AS status, COALESCE(cur.progress, 0) AS progress,
           COALESCE(cur.problems, '') AS problems, ${taskStateSql(before.end, AT_PREVIOUS)} AS "previousStatus",
           prev.status AS "previousReport", ${pastDueSql(asOf, AT_PERIOD)} AS "pastDue"
    FROM "task" t JOIN docs ON docs.id = t."documentId"
    LEFT JOIN cur ON cur."taskId" = t.id
    LEFT JOIN prev ON prev."taskId" = t.id
    WHERE t."retiredAt" IS NULL
  )`;
};

const leadUnits = Prisma.sql`ARRAY(
  SELECT dep.name FROM "task_assignment" a JOIN "department" dep ON dep.id = a."departmentId"
  WHERE a."taskId" = s.id AND a.role = 'LEAD' ORDER BY a.ordinal)`;

interface RawTask {
  id: number;
  number: string;
  title: string | null;
  text: string;
  shortTitle: string;
  status: TaskState;
  previousStatus: TaskState;
  progress: number;
  problems: string;
  leadUnits: string[];
}

const toBulletinTask = (r: RawTask): BulletinTask => ({
  taskId: r.id,
  number: r.number,
  document: r.shortTitle,
  heading: r.title?.trim() || firstClause(r.text),
  status: r.status,
  previousStatus: r.previousStatus,
  progress: r.progress,
  leadUnits: r.leadUnits,
  // A table cell, not the report: the full text stays on the task's page.
  problems: truncateNarrative(r.problems, PROBLEMS_MAX_CHARS).text,
});

/**
 * The scoped tasks, materialised once per assembly (a temporary table dropped at commit): working out
 * every task's status at the period and the one before means reading every approved report up to then
 * — 1.5 million rows at national scale — which the four queries below would otherwise each repeat.
 */
const SCOPED = Prisma.sql`"bulletin_scoped"`;

async function materialiseScopedTasks(db: Tx, period: Period, asOf: string): Promise<void> {
  // CREATE TABLE … AS cannot take bound parameters: the table first, then an INSERT that can.
  await db.$executeRaw`
    CREATE TEMPORARY TABLE "bulletin_scoped" (
      id int, number text, title text, text text, area text, ordinal int, slug text, "shortTitle" text,
      "docOrder" int, status text, progress int, problems text, "previousStatus" text, "previousReport" text,
      "pastDue" boolean
    ) ON COMMIT DROP`;
  await db.$executeRaw`INSERT INTO "bulletin_scoped" ${scopedTasks(period, asOf)} SELECT * FROM scoped`;
  await db.$executeRaw`ANALYZE "bulletin_scoped"`;
}

async function listTasksWhere(db: Tx, condition: Prisma.Sql): Promise<BulletinTask[]> {
  const rows = await db.$queryRaw<RawTask[]>`
    SELECT s.id, s.number, s.title, s.text, s."shortTitle", s.status, s."previousStatus", s.progress, s.problems,
           ${leadUnits} AS "leadUnits"
    FROM ${SCOPED} s WHERE ${condition}
    ORDER BY s."docOrder", s.ordinal, s.id`;
  return rows.map(toBulletinTask);
}

/**
 * Reads everything a bulletin for `period` says, as of now. Read-only: the period's row is looked up,
 * not created (no row means no reports were ever filed for it).
 */
export async function assembleBulletin(period: Period, options: AssembleOptions = {}): Promise<BulletinSnapshot> {
  const steps = 6;
  const progress = (step: number, label: string) => options.onProgress?.({ step, steps, label });
  // One read snapshot for every task table: figures that agree with each other even while reviewers
  // keep approving reports during the generation.
  const now = options.now ?? new Date();
  const figures = await getDb().$transaction((tx) => readTaskFigures(tx, period, bulletinAsOf(period, now), progress), {
    isolationLevel: "RepeatableRead",
    maxWait: 10_000,
    timeout: 300_000,
  });
  progress(6, "indicators");
  const indicators = (await listIndicators(period.end)).map((i) => ({
    id: i.id,
    name: i.name,
    unit: i.unit,
    area: i.area,
    status: i.status,
    latest: i.latest,
    target: i.target,
    expectedShare: i.expectedShare,
    actualShare: i.actualShare,
  }));
  const indicatorsByStatus = emptyIndicatorCounts();
  for (const i of indicators) indicatorsByStatus[i.status]++;

  return {
    schemaVersion: BULLETIN_SCHEMA_VERSION,
    period: { year: period.year, index: period.index, code: period.code, start: period.start, end: period.end },
    previousPeriodCode: previousPeriod(period).code,
    generatedAt: now.toISOString(),
    summary: { ...figures.summary, indicatorsByStatus },
    laggingTasks: figures.laggingTasks,
    newlyCompleted: figures.newlyCompleted,
    unassignedTasks: figures.unassignedTasks,
    departmentsNotSubmitted: figures.departmentsNotSubmitted,
    indicators,
    narratives: figures.narratives,
  };
}

/** Newly completed (lib/reports/bulletin.ts `isNewlyCompleted`), over the scoped table. */
const NEWLY_COMPLETED = Prisma.sql`(s.status = 'COMPLETED' AND s."previousReport" IS NOT NULL AND s."previousReport" <> 'COMPLETED')`;

async function readTaskFigures(db: Tx, period: Period, asOf: string, progress: (step: number, label: string) => void) {
  const t = createTranslator("zh-CN");
  const periodId = (await findPeriodRow(db, period))?.id ?? -1;

  progress(1, "tasks by status");
  await materialiseScopedTasks(db, period, asOf);
  const groups = await db.$queryRaw<(Omit<StatusGroup, "count"> & { count: number })[]>`
    SELECT s.slug AS "documentKey", s."shortTitle" AS "documentLabel", s."docOrder" AS "documentOrder",
           s.area, s.status, s."previousStatus", s."pastDue", count(*)::int AS count
    FROM ${SCOPED} s GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  // 较上期 needs a previous picture: some lead report approved for the previous period or an earlier one.
  const [history] = await db.$queryRaw<{ hasPrevious: boolean; firstReportCompleted: number }[]>`
    SELECT EXISTS (
             SELECT 1 FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
             WHERE u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
               AND p."startDate" <= ${sqlDate(previousPeriod(period).start)}) AS "hasPrevious",
           (SELECT count(*) FROM ${SCOPED} s WHERE s.status = 'COMPLETED' AND s."previousReport" IS NULL)::int
             AS "firstReportCompleted"`;
  const summary = summariseStatusGroups(groups, t("bulletin.doc.noArea"), history?.hasPrevious ?? false);
  const reportRows = await db.$queryRaw<{ state: string; n: number }[]>`
    SELECT l."reviewState"::text AS state, count(*)::int AS n FROM (
      SELECT DISTINCT ON (u."taskId", u."departmentId") u."reviewState"
      FROM "task_update" u WHERE u."periodId" = ${periodId} AND u.kind = 'LEAD_REPORT'
      ORDER BY u."taskId", u."departmentId", u.version DESC) l
    GROUP BY 1`;
  const reportCount = (state: string) => reportRows.find((r) => r.state === state)?.n ?? 0;

  progress(2, "lagging and at-risk tasks");
  const laggingTasks = await listTasksWhere(db, Prisma.sql`s.status IN ('LAGGING', 'AT_RISK')`);

  progress(3, "newly completed tasks");
  const newlyCompleted = await listTasksWhere(db, NEWLY_COMPLETED);
  // Tasks without a lead unit that can report (issue 15): their own short section.
  const unassignedTasks = await listTasksWhere(db, Prisma.sql`s.status = 'UNASSIGNED'`);

  progress(4, "departments that did not report");
  // The one rule of who owes a report (lib/server/report-duty.ts), read in this snapshot.
  const departments: BulletinDepartment[] = (await listReportDuty(period, {}, db)).map((d) => ({
    departmentId: d.departmentId,
    name: d.departmentName,
    tasksInScope: d.tasksInScope,
    missing: d.missing,
  }));
  const notSubmitted = departments.filter((d) => d.missing > 0);

  progress(5, "notable narratives");
  const candidates = await db.$queryRaw<
    {
      updateId: number;
      taskId: number;
      status: TaskState;
      newlyCompleted: boolean;
      textLength: number;
      order: number;
    }[]
  >`
    WITH approved AS (
      SELECT DISTINCT ON (u."taskId") u.id, u."taskId", char_length(btrim(u."progressText"))::int AS len
      FROM "task_update" u
      WHERE u."periodId" = ${periodId} AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
      ORDER BY u."taskId", u."createdAt" DESC, u.id DESC
    )
    SELECT a.id AS "updateId", s.id AS "taskId", s.status, ${NEWLY_COMPLETED} AS "newlyCompleted", a.len AS "textLength",
           (row_number() OVER (ORDER BY s."docOrder", s.ordinal, s.id))::int AS "order"
    FROM approved a JOIN ${SCOPED} s ON s.id = a."taskId"`;
  const picked = rankNarratives(candidates);
  const pickedUpdates = await db.taskUpdate.findMany({
    where: { id: { in: picked.map((p) => candidates.find((c) => c.taskId === p.taskId)!.updateId) } },
    select: {
      taskId: true,
      status: true,
      progress: true,
      progressText: true,
      department: { select: { name: true } },
      task: { select: { number: true, title: true, text: true, document: { select: { shortTitle: true } } } },
    },
  });
  const narratives: BulletinNarrative[] = picked.flatMap((p) => {
    const u = pickedUpdates.find((x) => x.taskId === p.taskId);
    if (!u) return [];
    const text = truncateNarrative(u.progressText);
    return [
      {
        taskId: u.taskId,
        number: u.task.number,
        document: u.task.document.shortTitle,
        heading: u.task.title?.trim() || firstClause(u.task.text),
        department: u.department.name,
        status: u.status,
        progress: u.progress,
        reason: p.reason,
        progressText: text.text,
        truncated: text.truncated,
      },
    ];
  });

  return {
    summary: {
      ...summary,
      reports: {
        submitted: reportCount("SUBMITTED"),
        approved: reportCount("APPROVED"),
        returned: reportCount("RETURNED"),
        draft: reportCount("DRAFT"),
      },
      asOf,
      firstReportCompleted: history?.firstReportCompleted ?? 0,
      departmentsInScope: departments.length,
      departmentsNotSubmitted: notSubmitted.length,
    },
    laggingTasks,
    newlyCompleted,
    unassignedTasks,
    departmentsNotSubmitted: notSubmitted,
    narratives,
  };
}

// ───────────────────────────── lifecycle ─────────────────────────────

export const generateBulletinInput = z.object({ period: periodCodeSchema });
export const publishBulletinInput = z.object({ bulletinId: z.number().int().positive() });

function requireReviewer(actor: Actor, what: Deed): void {
  if (!isReviewer(actor)) throw forbidden(what);
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

export interface GeneratedBulletin {
  id: number;
  version: number;
  periodCode: string;
  /** created: a new draft; refreshed: the open draft's figures were read again. */
  outcome: "created" | "refreshed";
}

/** Creates (or refreshes) the period's draft from the database as it stands now. */
export async function generateBulletin(
  actor: Actor,
  raw: z.input<typeof generateBulletinInput>,
  now = new Date(),
): Promise<GeneratedBulletin> {
  requireReviewer(actor, "generateBulletin");
  const { period } = generateBulletinInput.parse(raw);
  refuseFuturePeriod(period, now);
  const snapshot = await assembleBulletin(period, { now });
  const { title, issueLabel } = bulletinTitle(period);
  const json = snapshot as unknown as Prisma.InputJsonValue;
  try {
    return await getDb().$transaction(async (tx) => {
      const row = await ensurePeriod(tx, period);
      const latest = await tx.bulletin.findFirst({
        where: { periodId: row.id },
        orderBy: { version: "desc" },
        select: { id: true, version: true, state: true },
      });
      if (latest?.state === "DRAFT") {
        // A draft is a working copy: refreshing it replaces its figures (nothing was published).
        await tx.bulletin.update({
          where: { id: latest.id },
          data: { snapshot: json, title, issueLabel, createdById: actor.id, createdAt: now },
        });
        await writeAudit(tx, actor, {
          action: "bulletin.refresh",
          entityType: "bulletin",
          entityId: latest.id,
          after: { period: period.code, version: latest.version, generatedAt: snapshot.generatedAt },
        });
        return { id: latest.id, version: latest.version, periodCode: period.code, outcome: "refreshed" as const };
      }
      const version = (latest?.version ?? 0) + 1;
      const created = await tx.bulletin.create({
        data: {
          periodId: row.id,
          version,
          state: "DRAFT",
          title,
          issueLabel,
          issuer: BULLETIN_ISSUER,
          snapshot: json,
          createdById: actor.id,
          createdAt: now,
        },
        select: { id: true },
      });
      await writeAudit(tx, actor, {
        action: version > 1 ? "bulletin.new_version" : "bulletin.generate",
        entityType: "bulletin",
        entityId: created.id,
        after: { period: period.code, version, generatedAt: snapshot.generatedAt },
      });
      return { id: created.id, version, periodCode: period.code, outcome: "created" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", msg("errors.bulletins.generatedMeanwhile"));
    }
    throw error;
  }
}

function metaOf(
  row: {
    title: string;
    issueLabel: string;
    issuer: string;
    version: number;
    state: string;
    publishedAt: Date | null;
  },
  now: Date,
): BulletinMeta {
  return {
    title: row.title,
    issueLabel: row.issueLabel,
    issuer: row.issuer,
    version: row.version,
    issuedOn: shanghaiDate(row.publishedAt ?? now),
    draft: row.state === "DRAFT",
  };
}

/** A stored snapshot in the current shape; older versions are upgraded (`upgradeSnapshot`). */
export function parseSnapshot(value: unknown): BulletinSnapshot {
  const snapshot = upgradeSnapshot(value);
  if (!snapshot) throw new AppError("INTERNAL", msg("errors.bulletins.unsupportedSnapshot"));
  return snapshot;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Freezes a draft: renders its four files, stores them with it, and supersedes the earlier publication. */
export async function publishBulletin(
  actor: Actor,
  raw: z.input<typeof publishBulletinInput>,
  now = new Date(),
): Promise<{ id: number; version: number; periodCode: string }> {
  requireReviewer(actor, "publishBulletin");
  const { bulletinId } = publishBulletinInput.parse(raw);
  const db = getDb();
  const draft = await db.bulletin.findUnique({
    where: { id: bulletinId },
    select: {
      id: true,
      periodId: true,
      version: true,
      state: true,
      title: true,
      issueLabel: true,
      issuer: true,
      snapshot: true,
      createdAt: true,
      period: { select: { year: true, index: true } },
    },
  });
  if (!draft) throw notFound("bulletin");
  if (draft.state !== "DRAFT") throw new AppError("CONFLICT", msg("errors.bulletins.alreadyPublished"));
  const snapshot = parseSnapshot(draft.snapshot);
  const meta = metaOf({ ...draft, state: "PUBLISHED", publishedAt: now }, now);
  // Rendering is CPU work: done before the transaction so no lock is held meanwhile.
  const files = await Promise.all(
    BULLETIN_FILE_FORMATS.map(async (format) => {
      const content = await renderBulletinFile(format, snapshot, meta);
      return {
        format: format.toUpperCase() as "DOCX" | "PDF" | "XLSX" | "CSV",
        fileName: bulletinFileName(meta, snapshot.period.code, format).name,
        contentType: BULLETIN_CONTENT_TYPES[format],
        byteSize: content.byteLength,
        sha256: sha256(content),
        content: new Uint8Array(content),
      };
    }),
  );
  return db.$transaction(async (tx) => {
    // The state guard: of two reviewers publishing the same draft, exactly one wins; a draft refreshed in
    // the meantime (createdAt moved) is not published unseen.
    const claimed = await tx.bulletin.updateMany({
      where: { id: draft.id, state: "DRAFT", createdAt: draft.createdAt },
      data: { state: "PUBLISHED", publishedAt: now, publishedById: actor.id },
    });
    if (claimed.count !== 1) {
      throw new AppError("CONFLICT", msg("errors.bulletins.draftChanged"));
    }
    const superseded = await tx.bulletin.updateMany({
      where: { periodId: draft.periodId, state: "PUBLISHED", id: { not: draft.id } },
      data: { state: "SUPERSEDED" },
    });
    await tx.bulletinFile.createMany({ data: files.map((f) => ({ ...f, bulletinId: draft.id })) });
    await writeAudit(tx, actor, {
      action: "bulletin.publish",
      entityType: "bulletin",
      entityId: draft.id,
      after: {
        period: snapshot.period.code,
        version: draft.version,
        superseded: superseded.count,
        files: files.map((f) => ({ format: f.format, byteSize: f.byteSize, sha256: f.sha256 })),
      },
    });
    return { id: draft.id, version: draft.version, periodCode: snapshot.period.code };
  });
}

// ───────────────────────────── reads ─────────────────────────────

export interface BulletinSummary {
  id: number;
  periodCode: string;
  version: number;
  state: "DRAFT" | "PUBLISHED" | "SUPERSEDED";
  title: string;
  issueLabel: string;
  createdAt: string;
  publishedAt: string | null;
  formats: BulletinFileFormat[];
}

const summarySelect = {
  id: true,
  version: true,
  state: true,
  title: true,
  issueLabel: true,
  createdAt: true,
  publishedAt: true,
  period: { select: { year: true, index: true } },
  files: { select: { format: true } },
} as const satisfies Prisma.BulletinSelect;

function toSummary(row: Prisma.BulletinGetPayload<{ select: typeof summarySelect }>): BulletinSummary {
  return {
    id: row.id,
    periodCode: periodCode(row.period),
    version: row.version,
    state: row.state,
    title: row.title,
    issueLabel: row.issueLabel,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    // A draft has no stored files; reviewers download it rendered on the fly.
    formats:
      row.state === "DRAFT"
        ? [...BULLETIN_FILE_FORMATS]
        : BULLETIN_FILE_FORMATS.filter((f) => row.files.some((file) => file.format === f.toUpperCase())),
  };
}

/** Published (and superseded) bulletins for everyone; drafts too for reviewers and admins. */
export async function listBulletins(actor: Actor): Promise<BulletinSummary[]> {
  const rows = await getDb().bulletin.findMany({
    where: isReviewer(actor) ? {} : { state: { in: ["PUBLISHED", "SUPERSEDED"] } },
    orderBy: [{ period: { startDate: "desc" } }, { version: "desc" }],
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export interface BulletinView extends BulletinSummary {
  snapshot: BulletinSnapshot;
  meta: BulletinMeta;
  /** Every version of the period the actor may see, newest first. */
  versions: BulletinSummary[];
}

/**
 * The bulletin of a period the actor may read: a given version, or the newest visible one (a reviewer
 * sees the draft, everyone else the newest publication). Null when there is none.
 */
export async function getBulletinForPeriod(
  actor: Actor,
  period: Period,
  version: number | null,
  now = new Date(),
): Promise<BulletinView | null> {
  const rows = await getDb().bulletin.findMany({
    where: {
      period: { year: period.year, index: period.index },
      ...(isReviewer(actor) ? {} : { state: { in: ["PUBLISHED", "SUPERSEDED"] } }),
    },
    orderBy: { version: "desc" },
    select: { ...summarySelect, issuer: true, snapshot: true },
  });
  const row = version === null ? rows[0] : rows.find((r) => r.version === version);
  if (!row) return null;
  return {
    ...toSummary(row),
    snapshot: parseSnapshot(row.snapshot),
    meta: metaOf(row, now),
    versions: rows.map(toSummary),
  };
}

export interface BulletinDownload {
  fileName: string;
  asciiName: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * A bulletin's file. Published and superseded versions serve the stored bytes (frozen at publication)
 * to any signed-in user; a draft is rendered on demand for reviewers and admins only — to everyone
 * else it does not exist.
 */
export async function getBulletinFile(
  actor: Actor,
  bulletinId: number,
  format: BulletinFileFormat,
  now = new Date(),
): Promise<BulletinDownload> {
  const db = getDb();
  const row = await db.bulletin.findUnique({
    where: { id: bulletinId },
    select: {
      id: true,
      state: true,
      version: true,
      title: true,
      issueLabel: true,
      issuer: true,
      publishedAt: true,
      snapshot: true,
      period: { select: { year: true, index: true } },
    },
  });
  if (!row || (row.state === "DRAFT" && !isReviewer(actor))) throw notFound("bulletin");
  const code = periodCode(row.period);
  if (row.state === "DRAFT") {
    const snapshot = parseSnapshot(row.snapshot);
    const meta = metaOf(row, now);
    const names = bulletinFileName(meta, code, format);
    return {
      fileName: names.name,
      asciiName: names.ascii,
      contentType: BULLETIN_CONTENT_TYPES[format],
      content: new Uint8Array(await renderBulletinFile(format, snapshot, meta)),
    };
  }
  const file = await db.bulletinFile.findUnique({
    where: { bulletinId_format: { bulletinId, format: format.toUpperCase() as "DOCX" | "PDF" | "XLSX" | "CSV" } },
    select: { fileName: true, contentType: true, content: true },
  });
  if (!file) throw notFound("bulletinFile");
  const meta = metaOf(row, now);
  return {
    fileName: file.fileName,
    asciiName: bulletinFileName(meta, code, format).ascii,
    contentType: file.contentType,
    content: file.content,
  };
}
