import "server-only";
import { utcDay } from "../domain/dates";
import type { DocumentKind } from "../generated/prisma/enums";
import type { Mark } from "../reader/highlight";
import { getDb } from "./db";

export interface DocumentSummary {
  slug: string;
  title: string;
  shortTitle: string;
  kind: DocumentKind;
  issuer: string | null;
  docNumber: string | null;
  issuedDate: string | null;
  taskCount: number;
}

export async function listDocuments(): Promise<DocumentSummary[]> {
  const rows = await getDb().document.findMany({
    orderBy: [{ periodStart: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      title: true,
      shortTitle: true,
      kind: true,
      issuer: true,
      docNumber: true,
      issuedDate: true,
      _count: { select: { tasks: { where: { retiredAt: null } } } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    shortTitle: row.shortTitle,
    kind: row.kind,
    issuer: row.issuer,
    docNumber: row.docNumber,
    issuedDate: row.issuedDate ? utcDay(row.issuedDate) : null,
    taskCount: row._count.tasks,
  }));
}

export interface ReaderSection {
  id: number;
  path: string;
  title: string;
  kind: string;
  depth: number;
  anchor: string | null;
  taskCount: number;
}

export interface DocumentReader {
  document: DocumentSummary & { periodStart: string; periodEnd: string; warnings: number };
  files: { fileName: string; role: "PRIMARY" | "UNITS"; encoding: string; selected: boolean }[];
  text: string;
  marks: Mark[];
  points: Mark[];
  sections: ReaderSection[];
  counts: { tasks: number; units: number; milestones: number; targets: number; baselines: number };
}

/**
 * A document with one of its source files and every extracted record's offsets in that file.
 * `fileName` defaults to the primary file; returns null for an unknown document or file.
 */
export async function getDocumentReader(slug: string, fileName?: string): Promise<DocumentReader | null> {
  const db = getDb();
  const doc = await db.document.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      shortTitle: true,
      kind: true,
      issuer: true,
      docNumber: true,
      issuedDate: true,
      periodStart: true,
      periodEnd: true,
      warnings: true,
      sourceFiles: { orderBy: { ordinal: "asc" }, select: { id: true, fileName: true, role: true, encoding: true } },
      _count: { select: { tasks: { where: { retiredAt: null } } } },
    },
  });
  if (!doc) return null;
  const file = fileName ? doc.sourceFiles.find((f) => f.fileName === fileName) : doc.sourceFiles[0];
  if (!file) return null;

  const [source, sections, tasks, unitLists, milestones, targets, baselines] = await Promise.all([
    db.documentSourceFile.findUniqueOrThrow({ where: { id: file.id }, select: { rawText: true } }),
    db.section.findMany({
      where: { documentId: doc.id },
      // Document order: ordinals count within a level.
      orderBy: [{ startOffset: "asc" }, { ordinal: "asc" }],
      select: {
        id: true,
        path: true,
        title: true,
        kind: true,
        sourceFileId: true,
        startOffset: true,
        endOffset: true,
        _count: { select: { tasks: { where: { retiredAt: null } } } },
      },
    }),
    db.task.findMany({
      where: { sourceFileId: file.id, retiredAt: null },
      select: { id: true, number: true, startOffset: true, endOffset: true },
    }),
    db.task.findMany({
      where: { unitsSourceFileId: file.id, retiredAt: null, unitsStartOffset: { not: null } },
      select: { id: true, number: true, unitsStartOffset: true, unitsEndOffset: true },
    }),
    db.milestone.findMany({
      where: { sourceFileId: file.id, retiredAt: null },
      select: { id: true, dueDate: true, startOffset: true, endOffset: true },
    }),
    db.indicatorTarget.findMany({
      where: { sourceFileId: file.id, retiredAt: null },
      select: { id: true, name: true, startOffset: true, endOffset: true },
    }),
    db.indicatorBaseline.findMany({
      where: { sourceFileId: file.id, retiredAt: null },
      select: { id: true, name: true, startOffset: true, endOffset: true },
    }),
  ]);

  // Section headings are jump points, not spans: their extracted ranges may overlap one another.
  const points: Mark[] = sections
    .filter((s) => s.sourceFileId === file.id && s.startOffset !== null)
    .map((s) => ({ kind: "section" as const, anchor: `section-${s.id}`, start: s.startOffset!, end: s.startOffset! }));
  const marks: Mark[] = [
    ...tasks.map((t) => ({
      kind: "task" as const,
      anchor: `task-${t.id}`,
      start: t.startOffset,
      end: t.endOffset,
      label: t.number,
    })),
    ...unitLists.map((t) => ({
      kind: "units" as const,
      anchor: `units-${t.id}`,
      start: t.unitsStartOffset!,
      end: t.unitsEndOffset!,
      label: t.number,
    })),
    ...milestones
      .filter((m) => m.startOffset !== null && m.endOffset !== null)
      .map((m) => ({
        kind: "milestone" as const,
        anchor: `milestone-${m.id}`,
        start: m.startOffset!,
        end: m.endOffset!,
        label: utcDay(m.dueDate),
      })),
    ...targets.map((t) => ({
      kind: "target" as const,
      anchor: `target-${t.id}`,
      start: t.startOffset,
      end: t.endOffset,
      label: t.name,
    })),
    ...baselines
      .filter((b) => b.startOffset !== null && b.endOffset !== null)
      .map((b) => ({
        kind: "baseline" as const,
        anchor: `baseline-${b.id}`,
        start: b.startOffset!,
        end: b.endOffset!,
        label: b.name,
      })),
  ];

  const depthOf = (path: string) => path.split("/").length - 1;
  return {
    document: {
      slug: doc.slug,
      title: doc.title,
      shortTitle: doc.shortTitle,
      kind: doc.kind,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      issuedDate: doc.issuedDate ? utcDay(doc.issuedDate) : null,
      taskCount: doc._count.tasks,
      periodStart: utcDay(doc.periodStart),
      periodEnd: utcDay(doc.periodEnd),
      warnings: Array.isArray(doc.warnings) ? doc.warnings.length : 0,
    },
    files: doc.sourceFiles.map((f) => ({
      fileName: f.fileName,
      role: f.role,
      encoding: f.encoding,
      selected: f.id === file.id,
    })),
    text: source.rawText,
    marks,
    points,
    sections: sections.map((s) => ({
      id: s.id,
      path: s.path,
      title: s.title,
      kind: s.kind,
      depth: depthOf(s.path),
      anchor: s.sourceFileId === file.id && s.startOffset !== null ? `section-${s.id}` : null,
      taskCount: s._count.tasks,
    })),
    counts: {
      tasks: tasks.length,
      units: unitLists.length,
      milestones: milestones.length,
      targets: targets.length,
      baselines: baselines.length,
    },
  };
}
