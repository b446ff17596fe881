import "server-only";
import { createHash, randomUUID } from "node:crypto";
import {
  isAssignmentHeader,
  mapAssignmentHeader,
  markDuplicateTasks,
  normaliseTaskNumber,
  sameAssignment,
  selectAssignmentRows,
  stateFingerprint,
  typeAssignmentRow,
  buildUnitIndex,
  type AssignmentColumn,
  type AssignmentIssue,
  type AssignmentState,
  type RegistryUnit,
  type TaskForRow,
  type TypedAssignmentRow,
} from "../domain/assignment-import";
import { cellText, type CsvEncoding, type SheetRow } from "../domain/observation-import";
import { isCalendarDate, utcDay } from "../domain/dates";
import { shanghaiDate } from "../domain/periods";
import { taskHeading } from "../domain/task-heading";
import { DEFAULT_LOCALE, getMessages, interpolate, type Locale } from "../i18n/catalogue";
import { msg, translate } from "../i18n/message";
import type { Prisma } from "../generated/prisma/client";
import { ASSIGNED_DEADLINE_ORDINAL } from "../domain/assignments";
import { applyAssignments } from "./assignments";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { readImportFile, sha256Of, type ImportFile } from "./observation-import";

/**
 * The 任务分工表 round trip for one document: the template (its tasks with their current units), the
 * preview of an upload (every changed task before → after, every bad row with its column and reason) and
 * the commit (every row or none, each task through the assignment service, channel TABLE, one batch id).
 *
 * Like the indicator import (lib/server/observation-import.ts, whose reader this reuses: size limit, the
 * bounded unzip, GB18030/UTF-8 CSV), nothing is kept between preview and commit: the browser sends the
 * same file again with the sha256 the preview returned, and the preview's `version` — a hash of the
 * current assignments of the tasks the file changes. The commit recomputes both in its transaction (the
 * task rows locked) and refuses with 409 when either differs: the user confirmed what they saw.
 *
 * Set-based: one query for the document's tasks with their units and milestones, one for the registry,
 * then a batch write (applyAssignments) — never one round of queries per row.
 */
export const ASSIGNMENT_MAX_ROWS = 5000;
/** Serialises 分工表 commits, so two uploads cannot interleave their before-states. */
const ASSIGNMENT_LOCK_KEY = 720_315;

export interface PreviewIssue extends AssignmentIssue {
  message: string;
}

export interface PreviewChange {
  rowNumber: number;
  taskId: number;
  number: string;
  title: string;
  before: AssignmentState;
  after: AssignmentState;
  note: string;
}

export interface PreviewError {
  rowNumber: number;
  number: string;
  issues: PreviewIssue[];
}

export interface AssignmentPreview {
  document: { slug: string; title: string };
  fileName: string;
  sha256: string;
  /** Hash of the current assignments of the tasks in `changes`: the commit refuses if they changed. */
  version: string;
  format: "xlsx" | "csv";
  encoding: CsvEncoding | null;
  rowCount: number;
  skipped: number;
  unchangedCount: number;
  changedCount: number;
  errorCount: number;
  changes: PreviewChange[];
  errors: PreviewError[];
  canCommit: boolean;
}

export interface AssignmentImportResult {
  batchId: string;
  sha256: string;
  changed: number;
  unchanged: number;
  tasks: { id: number; number: string }[];
}

export interface CommitOptions {
  sha256: string;
  version: string;
  note: string;
  effectiveDate?: string;
}

export const canImportAssignments = (actor: Actor) => isReviewer(actor);

function assertCanImport(actor: Actor): void {
  if (!canImportAssignments(actor)) throw forbidden("assignTasks");
}

const bad = (key: Parameters<typeof msg>[0], values?: Parameters<typeof msg>[1]) =>
  new AppError("VALIDATION", msg(key, values));

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

interface DocumentContext {
  id: number;
  slug: string;
  title: string;
  period: { start: string; end: string };
  tasks: TaskForRow[];
}

const ROLE_OF = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" } as const;

/** The document, its tasks with their current units and deadline: three queries, whatever the size. */
async function loadDocument(db: Db, slug: string): Promise<DocumentContext> {
  const document = await db.document.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, periodStart: true, periodEnd: true },
  });
  if (!document) throw notFound("document");
  const [tasks, assignments, milestones] = await Promise.all([
    db.task.findMany({
      where: { documentId: document.id },
      orderBy: { ordinal: "asc" },
      select: { id: true, number: true, title: true, text: true, retiredAt: true },
    }),
    db.taskAssignment.findMany({
      where: { task: { documentId: document.id } },
      orderBy: [{ taskId: "asc" }, { role: "asc" }, { ordinal: "asc" }],
      select: { taskId: true, role: true, department: { select: { id: true, name: true } } },
    }),
    db.milestone.findMany({
      where: { task: { documentId: document.id }, retiredAt: null },
      select: { taskId: true, dueDate: true, ordinal: true },
    }),
  ]);
  const states = new Map<number, AssignmentState>();
  const textDeadline = new Map<number, string>();
  const stateOf = (taskId: number) => {
    let state = states.get(taskId);
    if (!state) states.set(taskId, (state = { lead: [], responsible: [], cooperating: [], deadline: null }));
    return state;
  };
  for (const a of assignments) stateOf(a.taskId)[ROLE_OF[a.role]].push(a.department);
  // As the service reads them: the assigned deadline is its own milestone; any other is the text's.
  for (const m of milestones) {
    const due = utcDay(m.dueDate);
    if (m.ordinal === ASSIGNED_DEADLINE_ORDINAL) stateOf(m.taskId).deadline = due;
    else if (due > (textDeadline.get(m.taskId) ?? "")) textDeadline.set(m.taskId, due);
  }
  return {
    id: document.id,
    slug: document.slug,
    title: document.title,
    period: { start: utcDay(document.periodStart), end: utcDay(document.periodEnd) },
    tasks: tasks.map((t) => ({
      id: t.id,
      number: t.number,
      title: taskHeading(t),
      retired: t.retiredAt !== null,
      current: stateOf(t.id),
      deadlineFromText: textDeadline.has(t.id),
      textDeadline: textDeadline.get(t.id) ?? null,
    })),
  };
}

/** Every unit of the registry with its short name and aliases (old names of renamed units among them), merged units marked. */
export async function loadRegistry(db: Db): Promise<RegistryUnit[]> {
  const departments = await db.department.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      shortName: true,
      aliases: { select: { alias: true } },
      mergedInto: { select: { name: true } },
    },
  });
  // A unit merged away by institutional reform stays findable by its own name, so a 分工表 that still
  // names it is refused with the unit it was merged into (never silently re-routed, never assigned).
  return departments.map((d) => ({
    id: d.id,
    name: d.name,
    shortName: d.shortName,
    aliases: d.aliases.map((a) => a.alias),
    retired: d.mergedInto !== null,
    successor: d.mergedInto?.name ?? null,
  }));
}

/** What the template lists: the document's current tasks with their units, and the registry's names. */
export async function getAssignmentTemplateData(actor: Actor, slug: string) {
  assertCanImport(actor);
  const db = getDb();
  const [document, registry] = await Promise.all([loadDocument(db, slug), loadRegistry(db)]);
  const sourceUnits = await loadSourceUnits(db, document.id);
  return {
    document: { slug: document.slug, title: document.title, period: document.period },
    tasks: document.tasks.filter((t) => !t.retired).map((t) => ({ ...t, source: sourceUnits.get(t.id) ?? "" })),
    units: registry.filter((u) => !u.retired).map((u) => u.name),
  };
}

/** The units the document's text names (原文), one line per task: "牵头：…；责任：…；配合：…". */
async function loadSourceUnits(db: Db, documentId: number): Promise<Map<number, string>> {
  const rows = await db.taskSourceUnit.findMany({
    where: { task: { documentId } },
    orderBy: [{ taskId: "asc" }, { role: "asc" }, { ordinal: "asc" }],
    select: { taskId: true, role: true, rawName: true },
  });
  const byTask = new Map<number, Record<string, string[]>>();
  for (const r of rows) {
    const entry = byTask.get(r.taskId) ?? {};
    (entry[r.role] ??= []).push(r.rawName);
    byTask.set(r.taskId, entry);
  }
  const labels = { LEAD: "牵头", RESPONSIBLE: "责任", COOPERATING: "配合" } as const;
  return new Map(
    [...byTask].map(([taskId, roles]) => [
      taskId,
      (Object.keys(labels) as (keyof typeof labels)[])
        .filter((role) => roles[role]?.length)
        .map((role) => `${labels[role]}：${roles[role]!.join("、")}`)
        .join("；"),
    ]),
  );
}

function describeIssue(issue: AssignmentIssue, locale: Locale): PreviewIssue {
  const words = getMessages(locale).assignmentImport;
  const params = { ...(issue.params ?? {}) };
  if (typeof params.role === "string" && params.role in words.columns) {
    params.role = words.columns[params.role as AssignmentColumn];
  }
  let text = interpolate(words.issues[issue.code], params);
  if (issue.code === "unknownUnit") {
    text += params.suggestions ? interpolate(words.suggestions, { names: params.suggestions }) : words.noSuggestion;
  }
  return {
    ...issue,
    message: translate(locale, msg("errors.imports.issue", { column: words.columns[issue.column], text })),
  };
}

interface Validated {
  preview: Omit<AssignmentPreview, "document" | "fileName" | "sha256" | "format" | "encoding">;
  changed: TypedAssignmentRow[];
}

function validate(document: DocumentContext, registry: RegistryUnit[], sheet: SheetRow[], locale: Locale): Validated {
  const headerIndex = sheet.findIndex((r) => r.cells.some((c) => cellText(c) !== ""));
  if (headerIndex < 0) throw bad("errors.imports.noData");
  const { columns, missing } = mapAssignmentHeader(sheet[headerIndex]!.cells);
  if (missing.length > 0) {
    const names = getMessages(locale).assignmentImport.columns;
    throw bad("errors.imports.missingColumns", {
      columns: missing.map((c) => names[c]).join(locale === "en" ? ", " : "、"),
    });
  }
  const { rows: raw, skipped } = selectAssignmentRows(sheet.slice(headerIndex + 1), columns);
  if (raw.length > ASSIGNMENT_MAX_ROWS) throw bad("errors.imports.tooManyRows", { max: ASSIGNMENT_MAX_ROWS });
  if (raw.length === 0) throw bad("assignmentImport.errors.noRows");

  const byNumber = new Map(document.tasks.map((t) => [normaliseTaskNumber(t.number), t]));
  const units = buildUnitIndex(registry);
  const typed = raw.map((row) => typeAssignmentRow(row, (n) => byNumber.get(n) ?? null, units, document.period));
  markDuplicateTasks(typed);

  const errors: PreviewError[] = [];
  const changed: TypedAssignmentRow[] = [];
  let unchangedCount = 0;
  for (const row of typed) {
    if (row.issues.length > 0 || !row.after || !row.task) {
      errors.push({
        rowNumber: row.rowNumber,
        number: row.number,
        issues: row.issues.map((i) => describeIssue(i, locale)),
      });
    } else if (sameAssignment(row.task.current, row.after)) unchangedCount++;
    else changed.push(row);
  }
  return {
    preview: {
      version: versionOf(changed),
      rowCount: typed.length,
      skipped,
      unchangedCount,
      changedCount: changed.length,
      errorCount: errors.length,
      changes: changed.map((row) => ({
        rowNumber: row.rowNumber,
        taskId: row.task!.id,
        number: row.task!.number,
        title: row.task!.title,
        before: row.task!.current,
        after: row.after!,
        note: row.note,
      })),
      errors,
      canCommit: errors.length === 0 && changed.length > 0,
    },
    changed,
  };
}

const versionOf = (rows: TypedAssignmentRow[]) =>
  createHash("sha256")
    .update(stateFingerprint(rows.map((r) => ({ taskId: r.task!.id, state: r.task!.current }))))
    .digest("hex");

async function readAssignmentFile(file: ImportFile) {
  return readImportFile(file, { isDataHeader: isAssignmentHeader, maxRows: ASSIGNMENT_MAX_ROWS });
}

/** Reads and checks a 分工表 against the document as it stands; writes nothing. */
export async function previewAssignmentImport(
  actor: Actor,
  slug: string,
  file: ImportFile,
  locale: Locale = DEFAULT_LOCALE,
): Promise<AssignmentPreview> {
  assertCanImport(actor);
  const db = getDb();
  const [document, registry] = await Promise.all([loadDocument(db, slug), loadRegistry(db)]);
  const read = await readAssignmentFile(file);
  const { preview } = validate(document, registry, read.rows, locale);
  return {
    document: { slug: document.slug, title: document.title },
    fileName: file.name,
    sha256: sha256Of(file.bytes),
    format: read.format,
    encoding: read.encoding,
    ...preview,
  };
}

/**
 * Stores every changed row of the file, or none: the file the preview saw (sha256) over the assignments
 * the preview saw (version), validated again inside the transaction that writes.
 */
export async function commitAssignmentImport(
  actor: Actor,
  slug: string,
  file: ImportFile,
  options: CommitOptions,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<AssignmentImportResult> {
  assertCanImport(actor);
  const sha256 = sha256Of(file.bytes);
  if (sha256 !== options.sha256.toLowerCase()) {
    throw new AppError("CONFLICT", msg("errors.imports.changedSincePreview"));
  }
  const today = shanghaiDate(now);
  const effectiveDate = options.effectiveDate || today;
  if (!isCalendarDate(effectiveDate)) {
    throw new AppError("VALIDATION", msg("assignmentImport.errors.effectiveDateFormat"), {
      fieldErrors: { effectiveDate: [msg("assignmentImport.errors.effectiveDateFormat")] },
    });
  }
  if (effectiveDate > today) {
    throw new AppError("VALIDATION", msg("assignmentImport.errors.effectiveDateFuture", { today }), {
      fieldErrors: { effectiveDate: [msg("assignmentImport.errors.effectiveDateFuture", { today })] },
    });
  }
  const formNote = options.note.trim();
  if (formNote.length > 500) throw bad("assignmentImport.errors.noteTooLong", { max: 500 });
  const read = await readAssignmentFile(file);
  const batchId = randomUUID();
  return getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ASSIGNMENT_LOCK_KEY}::bigint)::text AS locked`;
      const doc = await tx.document.findUnique({ where: { slug }, select: { id: true, periodStart: true } });
      if (!doc) throw notFound("document");
      // Lock the document's task rows: a browser edit of one of them waits until this batch is done.
      await tx.$queryRaw`SELECT id FROM task WHERE "documentId" = ${doc.id} ORDER BY id FOR UPDATE`;
      if (effectiveDate < utcDay(doc.periodStart)) {
        throw new AppError(
          "VALIDATION",
          msg("assignmentImport.errors.effectiveDateBeforeStart", { start: utcDay(doc.periodStart) }),
          {
            fieldErrors: {
              effectiveDate: [
                msg("assignmentImport.errors.effectiveDateBeforeStart", { start: utcDay(doc.periodStart) }),
              ],
            },
          },
        );
      }
      const [document, registry] = await Promise.all([loadDocument(tx, slug), loadRegistry(tx)]);
      const { preview, changed } = validate(document, registry, read.rows, locale);
      const current = { ...preview, document: { slug, title: document.title }, fileName: file.name, sha256 };
      if (preview.errorCount > 0) {
        throw new AppError("VALIDATION", msg("assignmentImport.errors.invalidRows", { count: preview.errorCount }), {
          current: { ...current, format: read.format, encoding: read.encoding },
        });
      }
      if (preview.version !== options.version) {
        throw new AppError("CONFLICT", msg("assignmentImport.errors.stale"), {
          current: { ...current, format: read.format, encoding: read.encoding },
        });
      }
      if (changed.length === 0) throw bad("assignmentImport.errors.nothingChanged");
      const withoutNote = changed.filter((row) => !row.note).length;
      if (withoutNote > 0 && !formNote) {
        throw new AppError("VALIDATION", msg("assignmentImport.errors.noteRequired", { count: withoutNote }), {
          fieldErrors: { note: [msg("assignmentImport.errors.noteRequired", { count: withoutNote })] },
        });
      }
      const results = await applyAssignments(
        tx,
        changed.map((row) => ({
          taskId: row.task!.id,
          input: {
            lead: row.after!.lead.map((u) => u.id),
            responsible: row.after!.responsible.map((u) => u.id),
            cooperating: row.after!.cooperating.map((u) => u.id),
            ...(row.deadlineInput === undefined ? {} : { deadline: row.deadlineInput }),
          },
          note: row.note || formNote,
        })),
        { actorId: actor.id, effectiveDate, channel: "TABLE", batchId },
      );
      const stored = changed.filter((_, index) => results[index]?.changed);
      return {
        batchId,
        sha256,
        changed: stored.length,
        unchanged: preview.unchangedCount + (changed.length - stored.length),
        tasks: stored.map((row) => ({ id: row.task!.id, number: row.task!.number })),
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** What the 分工表 page shows about its document; null when there is none. */
export async function getAssignmentPageDocument(slug: string) {
  const document = await getDb().document.findUnique({
    where: { slug },
    select: { slug: true, title: true, periodStart: true, periodEnd: true },
  });
  return document
    ? {
        slug: document.slug,
        title: document.title,
        start: utcDay(document.periodStart),
        end: utcDay(document.periodEnd),
      }
    : null;
}
