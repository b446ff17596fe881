import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { sourceHref } from "../reader/links";
import { getDb } from "./db";

/** Indicators a re-import left without any current target, baseline or value are not in the catalogue. */
export const ACTIVE_INDICATOR = {
  mergedIntoId: null,
  OR: [
    { targets: { some: { retiredAt: null } } },
    { baselines: { some: { retiredAt: null } } },
    { observations: { some: {} } },
  ],
} satisfies Prisma.IndicatorWhereInput;

export interface IndicatorListItem {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  targetCount: number;
  baselineCount: number;
}

export async function listIndicators(): Promise<IndicatorListItem[]> {
  const rows = await getDb().indicator.findMany({
    where: ACTIVE_INDICATOR,
    orderBy: [{ area: "asc" }, { name: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      unit: true,
      area: true,
      _count: { select: { targets: { where: { retiredAt: null } }, baselines: { where: { retiredAt: null } } } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, targetCount: _count.targets, baselineCount: _count.baselines }));
}

export interface IndicatorDetail {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
  baselines: {
    id: number;
    value: number;
    unit: string;
    valueAsWritten: string;
    comparator: string;
    asOf: string;
    quote: string;
    document: { slug: string; shortTitle: string } | null;
    sourceHref: string | null;
  }[];
  targets: {
    id: number;
    value: number;
    normalizedValue: number;
    unit: string;
    valueAsWritten: string;
    comparator: string;
    dueDate: string;
    cumulative: boolean | null;
    aspirational: boolean;
    quote: string;
    document: { slug: string; shortTitle: string };
    task: { id: number; number: string } | null;
    sourceHref: string;
  }[];
}

export async function getIndicator(id: number): Promise<IndicatorDetail | null> {
  const row = await getDb().indicator.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      name: true,
      unit: true,
      area: true,
      direction: true,
      baselines: {
        where: { retiredAt: null },
        orderBy: { asOf: "asc" },
        select: {
          id: true,
          value: true,
          unit: true,
          valueAsWritten: true,
          comparator: true,
          asOf: true,
          quote: true,
          document: { select: { slug: true, shortTitle: true } },
          sourceFile: { select: { fileName: true } },
        },
      },
      targets: {
        where: { retiredAt: null },
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        select: {
          id: true,
          value: true,
          normalizedValue: true,
          unit: true,
          valueAsWritten: true,
          comparator: true,
          dueDate: true,
          cumulative: true,
          aspirational: true,
          quote: true,
          document: { select: { slug: true, shortTitle: true } },
          task: { select: { id: true, number: true } },
          sourceFile: { select: { fileName: true } },
        },
      },
    },
  });
  if (!row) return null;
  return {
    ...row,
    baselines: row.baselines.map((b) => ({
      id: b.id,
      value: Number(b.value),
      unit: b.unit,
      valueAsWritten: b.valueAsWritten,
      comparator: b.comparator,
      asOf: b.asOf.toISOString().slice(0, 10),
      quote: b.quote,
      document: b.document,
      sourceHref:
        b.document && b.sourceFile ? sourceHref(b.document.slug, b.sourceFile.fileName, `baseline-${b.id}`) : null,
    })),
    targets: row.targets.map((t) => ({
      id: t.id,
      value: Number(t.value),
      normalizedValue: Number(t.normalizedValue),
      unit: t.unit,
      valueAsWritten: t.valueAsWritten,
      comparator: t.comparator,
      dueDate: t.dueDate.toISOString().slice(0, 10),
      cumulative: t.cumulative,
      aspirational: t.aspirational,
      quote: t.quote,
      document: t.document,
      task: t.task,
      sourceHref: sourceHref(t.document.slug, t.sourceFile.fileName, `target-${t.id}`),
    })),
  };
}
