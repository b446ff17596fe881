import "server-only";
import { utcDay } from "../domain/dates";
import {
  compareDocuments,
  type CompareTarget,
  type CompareTask,
  type DocumentComparison,
} from "../domain/document-compare";
import type { DocumentKind } from "../generated/prisma/enums";
import { taskHeading } from "../domain/task-heading";
import { sourceHref } from "../reader/links";
import { getDb } from "./db";

export interface CompareDocumentOption {
  slug: string;
  title: string;
  shortTitle: string;
  kind: DocumentKind;
  periodStart: string;
  periodEnd: string;
}

export interface ComparedTask extends CompareTask {
  /** Its own headline: title, else the first clause of its text (lib/domain/task-heading.ts). */
  heading: string;
  documentSlug: string;
  sectionTitle: string | null;
  sourceHref: string;
}

export interface ComparedTarget extends CompareTarget {
  documentSlug: string;
  indicatorId: number;
  valueAsWritten: string;
  /** The display unit as written (万个), next to valueAsWritten. */
  writtenUnit: string;
  aspirational: boolean;
  taskNumber: string | null;
  sourceHref: string;
}

export type DocumentCompareProblem = "UNKNOWN_FROM" | "UNKNOWN_TO" | "SAME_DOCUMENT" | "TOO_FEW_DOCUMENTS";

export type DocumentComparisonView =
  | {
      status: "ok";
      documents: CompareDocumentOption[];
      from: CompareDocumentOption;
      to: CompareDocumentOption;
      comparison: DocumentComparison<ComparedTask, ComparedTarget>;
    }
  | {
      status: "invalid";
      problem: DocumentCompareProblem;
      documents: CompareDocumentOption[];
      /** What the form should show selected: the request's slugs, or the defaults. */
      fromSlug: string | null;
      toSlug: string | null;
    };

/**
 * The two most recent work points, older first: what officials compare by default. Falls back to the
 * two most recent documents of any kind when fewer than two work points are imported.
 */
export function defaultComparisonPair(documents: CompareDocumentOption[]): [string, string] | null {
  const newestFirst = (list: CompareDocumentOption[]) =>
    [...list].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || b.periodStart.localeCompare(a.periodStart));
  const workPoints = newestFirst(documents.filter((d) => d.kind === "WORK_POINTS"));
  const pool = workPoints.length >= 2 ? workPoints : newestFirst(documents);
  const [latest, previous] = pool;
  return latest && previous ? [previous.slug, latest.slug] : null;
}

/**
 * What changed between two documents: current (non-retired) tasks matched by content and targets
 * compared per indicator (lib/domain/document-compare.ts). Documents are readable by every signed-in
 * role, like the reader. Four queries whatever the size of the documents: the document list, then
 * tasks (with sections and lead units) and targets (with indicators) of both documents in parallel.
 * Missing slugs default to the two most recent work points; an unknown slug or the same document twice
 * is a problem the page explains, never an exception.
 */
export async function getDocumentComparison(
  fromSlug: string | null,
  toSlug: string | null,
): Promise<DocumentComparisonView> {
  const db = getDb();
  const rows = await db.document.findMany({
    orderBy: [{ periodStart: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, title: true, shortTitle: true, kind: true, periodStart: true, periodEnd: true },
  });
  const documents: CompareDocumentOption[] = rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    shortTitle: row.shortTitle,
    kind: row.kind,
    periodStart: utcDay(row.periodStart),
    periodEnd: utcDay(row.periodEnd),
  }));
  const defaults = defaultComparisonPair(documents);
  const wantedFrom = fromSlug ?? defaults?.[0] ?? null;
  const wantedTo = toSlug ?? defaults?.[1] ?? null;
  const invalid = (problem: DocumentCompareProblem): DocumentComparisonView => ({
    status: "invalid",
    problem,
    documents,
    fromSlug: wantedFrom,
    toSlug: wantedTo,
  });
  if (documents.length < 2) return invalid("TOO_FEW_DOCUMENTS");
  const fromRow = rows.find((row) => row.slug === wantedFrom);
  const toRow = rows.find((row) => row.slug === wantedTo);
  if (!fromRow) return invalid("UNKNOWN_FROM");
  if (!toRow) return invalid("UNKNOWN_TO");
  if (fromRow.id === toRow.id) return invalid("SAME_DOCUMENT");

  const slugById = new Map([
    [fromRow.id, fromRow.slug],
    [toRow.id, toRow.slug],
  ]);
  const documentIds = [fromRow.id, toRow.id];
  const [tasks, targets] = await Promise.all([
    db.task.findMany({
      where: { documentId: { in: documentIds }, retiredAt: null },
      orderBy: [{ documentId: "asc" }, { sourceFileId: "asc" }, { startOffset: "asc" }],
      select: {
        id: true,
        documentId: true,
        number: true,
        title: true,
        text: true,
        area: true,
        section: { select: { title: true, area: true } },
        sourceFile: { select: { fileName: true } },
        assignments: {
          where: { role: "LEAD" },
          orderBy: { ordinal: "asc" },
          select: { department: { select: { name: true } } },
        },
      },
    }),
    db.indicatorTarget.findMany({
      where: { documentId: { in: documentIds }, retiredAt: null },
      orderBy: [{ documentId: "asc" }, { startOffset: "asc" }],
      select: {
        id: true,
        documentId: true,
        comparator: true,
        normalizedValue: true,
        valueAsWritten: true,
        unit: true,
        dueDate: true,
        cumulative: true,
        aspirational: true,
        sourceFile: { select: { fileName: true } },
        task: { select: { number: true } },
        indicator: {
          select: {
            id: true,
            key: true,
            name: true,
            unit: true,
            direction: true,
            // An admin may have merged the indicator since the import: compare under the survivor.
            mergedInto: { select: { id: true, key: true, name: true, unit: true, direction: true } },
          },
        },
      },
    }),
  ]);

  const toTask = (row: (typeof tasks)[number]): ComparedTask => {
    const slug = slugById.get(row.documentId)!;
    return {
      id: row.id,
      number: row.number,
      text: row.text,
      title: row.title,
      heading: taskHeading(row),
      // Its own area (or its chapter's), never its section's heading: a section is not an area.
      area: row.area ?? row.section?.area ?? null,
      leadUnits: row.assignments.map((a) => a.department.name),
      documentSlug: slug,
      sectionTitle: row.section?.title ?? null,
      sourceHref: sourceHref(slug, row.sourceFile.fileName, `task-${row.id}`),
    };
  };
  const toTarget = (row: (typeof targets)[number]): ComparedTarget => {
    const slug = slugById.get(row.documentId)!;
    const indicator = row.indicator.mergedInto ?? row.indicator;
    return {
      id: row.id,
      indicatorId: indicator.id,
      indicatorKey: indicator.key,
      indicatorName: indicator.name,
      direction: indicator.direction,
      value: Number(row.normalizedValue),
      comparator: row.comparator,
      dueDate: utcDay(row.dueDate),
      unit: indicator.unit,
      cumulative: row.cumulative,
      documentSlug: slug,
      valueAsWritten: row.valueAsWritten,
      writtenUnit: row.unit,
      aspirational: row.aspirational,
      taskNumber: row.task?.number ?? null,
      sourceHref: sourceHref(slug, row.sourceFile.fileName, `target-${row.id}`),
    };
  };
  const side = (row: (typeof rows)[number]) => ({
    periodStart: utcDay(row.periodStart),
    periodEnd: utcDay(row.periodEnd),
    tasks: tasks.filter((t) => t.documentId === row.id).map(toTask),
    targets: targets.filter((t) => t.documentId === row.id).map(toTarget),
  });
  const option = (slug: string) => documents.find((d) => d.slug === slug)!;
  return {
    status: "ok",
    documents,
    from: option(fromRow.slug),
    to: option(toRow.slug),
    comparison: compareDocuments(side(fromRow), side(toRow)),
  };
}
