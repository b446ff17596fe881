import "server-only";
/** The REST API's catalogue reads (/api/v1 departments, documents, indicators, periods), shaped as lib/api/schemas.ts. */
import { periodOf, shanghaiDate } from "../domain/periods";
import { getDb } from "./db";
import { getDocumentReader, listDocuments } from "./documents";
import { getIndicator, listIndicatorSummaries } from "./indicators";
import { getCurrentPeriod, listPeriodRows } from "./periods";
import type {
  ApiDepartmentDetail,
  ApiDepartmentListItem,
  ApiDocumentDetail,
  ApiDocumentSummary,
  ApiIndicatorDetail,
  ApiPeriod,
} from "../api/schemas";

type Counts = ApiDepartmentListItem["taskCounts"];
const ROLE_KEY = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" } as const;
const emptyCounts = (): Counts => ({ lead: 0, responsible: 0, cooperating: 0 });

const departmentSelect = { id: true, name: true, shortName: true, kind: true, generic: true } as const;

// ───────────────────────────── departments ─────────────────────────────

/** Every department with its current (non-retired) tasks counted by role; most involved first. */
export async function listApiDepartments(): Promise<ApiDepartmentListItem[]> {
  const db = getDb();
  const [departments, counts] = await Promise.all([
    db.department.findMany({ where: { mergedIntoId: null }, orderBy: { name: "asc" }, select: departmentSelect }),
    db.taskAssignment.groupBy({
      by: ["departmentId", "role"],
      where: { task: { retiredAt: null } },
      _count: { _all: true },
    }),
  ]);
  const byDepartment = new Map<number, Counts>();
  for (const row of counts) {
    const entry = byDepartment.get(row.departmentId) ?? emptyCounts();
    entry[ROLE_KEY[row.role]] += row._count._all;
    byDepartment.set(row.departmentId, entry);
  }
  const total = (c: Counts) => c.lead + c.responsible + c.cooperating;
  return departments
    .map((d) => ({ ...d, taskCounts: byDepartment.get(d.id) ?? emptyCounts() }))
    .sort((a, b) => total(b.taskCounts) - total(a.taskCounts) || a.id - b.id);
}

export async function getApiDepartment(id: number, today: string): Promise<ApiDepartmentDetail | null> {
  const db = getDb();
  const department = await db.department.findUnique({
    where: { id },
    select: { ...departmentSelect, aliases: { orderBy: { alias: "asc" }, select: { alias: true } } },
  });
  if (!department) return null;
  const [counts, overdueTaskCount] = await Promise.all([
    db.taskAssignment.groupBy({
      by: ["role"],
      where: { departmentId: id, task: { retiredAt: null } },
      _count: { _all: true },
    }),
    db.task.count({
      where: {
        retiredAt: null,
        assignments: { some: { departmentId: id } },
        milestones: {
          some: { retiredAt: null, completedDate: null, dueDate: { lt: new Date(`${today}T00:00:00Z`) } },
        },
      },
    }),
  ]);
  const taskCounts = emptyCounts();
  for (const row of counts) taskCounts[ROLE_KEY[row.role]] = row._count._all;
  return {
    id: department.id,
    name: department.name,
    shortName: department.shortName,
    kind: department.kind,
    generic: department.generic,
    taskCounts,
    aliases: department.aliases.map((a) => a.alias),
    overdueTaskCount,
    tasksHref: `/api/v1/tasks?department=${department.id}`,
  };
}

// ───────────────────────────── documents ─────────────────────────────

const toDocumentSummary = (d: ApiDocumentSummary): ApiDocumentSummary => ({
  slug: d.slug,
  title: d.title,
  shortTitle: d.shortTitle,
  kind: d.kind,
  issuer: d.issuer,
  docNumber: d.docNumber,
  issuedDate: d.issuedDate,
  taskCount: d.taskCount,
});

export async function listApiDocuments(): Promise<ApiDocumentSummary[]> {
  return (await listDocuments()).map(toDocumentSummary);
}

/** A document's metadata, source files and section outline (the raw text stays in the reader). */
export async function getApiDocument(slug: string): Promise<ApiDocumentDetail | null> {
  const reader = await getDocumentReader(slug);
  if (!reader) return null;
  return {
    ...toDocumentSummary(reader.document),
    periodStart: reader.document.periodStart,
    periodEnd: reader.document.periodEnd,
    files: reader.files.map((f) => ({ fileName: f.fileName, role: f.role, encoding: f.encoding })),
    sections: reader.sections.map((s) => ({
      id: s.id,
      path: s.path,
      title: s.title,
      kind: s.kind,
      depth: s.depth,
      taskCount: s.taskCount,
    })),
    counts: reader.counts,
  };
}

// ───────────────────────────── indicators ─────────────────────────────

export async function listApiIndicators() {
  return listIndicatorSummaries(shanghaiDate(new Date()));
}

const COMPARATORS = new Set(["GTE", "GT", "EQ", "APPROX", "LTE", "LT"] as const);
type Comparator = ApiIndicatorDetail["targets"][number]["comparator"];
const comparator = (value: string): Comparator => (COMPARATORS.has(value as Comparator) ? (value as Comparator) : "EQ");

export async function getApiIndicator(id: number): Promise<ApiIndicatorDetail | null> {
  const indicator = await getIndicator(id);
  if (!indicator) return null;
  return {
    id: indicator.id,
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    area: indicator.area,
    direction: indicator.direction,
    baselines: indicator.baselines.map((b) => ({
      id: b.id,
      value: b.value,
      unit: b.unit,
      valueAsWritten: b.valueAsWritten,
      comparator: comparator(b.comparator),
      asOf: b.asOf,
      quote: b.quote,
      document: b.document,
      sourceHref: b.sourceHref,
    })),
    targets: indicator.targets.map((t) => ({
      id: t.id,
      value: t.value,
      normalizedValue: t.normalizedValue,
      unit: t.unit,
      valueAsWritten: t.valueAsWritten,
      comparator: comparator(t.comparator),
      dueDate: t.dueDate,
      cumulative: t.cumulative,
      aspirational: t.aspirational,
      quote: t.quote,
      document: t.document,
      task: t.task,
      sourceHref: t.sourceHref,
    })),
  };
}

// ───────────────────────────── periods ─────────────────────────────

/**
 * Reporting periods known to the database (optionally of one year), with the one that accepts reports
 * now flagged. Looking up the current period creates its row when missing: periods are calendar facts.
 */
export async function listApiPeriods(year: number | undefined): Promise<{ items: ApiPeriod[]; current: ApiPeriod }> {
  const current = await getCurrentPeriod();
  const rows = await listPeriodRows(year);
  const toPeriod = (row: { id: number; year: number; index: number; state: "OPEN" | "LOCKED" }): ApiPeriod => {
    const p = periodOf(row);
    return {
      id: row.id,
      code: p.code,
      year: p.year,
      index: p.index,
      start: p.start,
      end: p.end,
      state: row.state,
      current: row.id === current.id,
    };
  };
  return { items: rows.map(toPeriod), current: toPeriod(current) };
}
