import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { evaluateIndicator, type Comparator, type IndicatorStatus } from "../domain/indicator-status";
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
  status: IndicatorStatus;
  reason: string;
  latest: { value: number; asOf: string } | null;
  target: { value: number; comparator: Comparator; dueDate: string } | null;
  /** Share of the way from baseline to the target that counts, when measurable (0..1+). */
  actualShare: number | null;
  /** 序时进度: the share expected by `today`, when there is a start date. */
  expectedShare: number | null;
}

/**
 * The catalogue with each indicator's status by 序时进度 (lib/domain/indicator-status.ts) as of
 * `today` (a Shanghai calendar date). Four queries in all, whatever the number of indicators.
 */
export async function listIndicators(today: string): Promise<IndicatorListItem[]> {
  const db = getDb();
  const rows = await db.indicator.findMany({
    where: ACTIVE_INDICATOR,
    orderBy: [{ area: "asc" }, { name: "asc" }],
    select: { id: true, key: true, name: true, unit: true, area: true, direction: true },
  });
  const ids = rows.map((r) => r.id);
  const [targets, baselines, observations] = await Promise.all([
    db.indicatorTarget.findMany({
      where: { indicatorId: { in: ids }, retiredAt: null },
      select: { indicatorId: true, normalizedValue: true, comparator: true, dueDate: true, aspirational: true },
    }),
    db.indicatorBaseline.findMany({
      where: { indicatorId: { in: ids }, retiredAt: null },
      select: { indicatorId: true, normalizedValue: true, asOf: true },
    }),
    db.observation.findMany({
      where: { indicatorId: { in: ids }, supersededBy: { is: null } },
      select: { indicatorId: true, normalizedValue: true, asOf: true },
    }),
  ]);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const group = <T extends { indicatorId: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) map.set(item.indicatorId, [...(map.get(item.indicatorId) ?? []), item]);
    return map;
  };
  const targetsBy = group(targets);
  const baselinesBy = group(baselines);
  const observationsBy = group(observations);
  return rows.map((row) => {
    const rowTargets = (targetsBy.get(row.id) ?? []).map((t) => ({
      value: Number(t.normalizedValue),
      comparator: t.comparator,
      dueDate: day(t.dueDate),
      aspirational: t.aspirational,
    }));
    const rowBaselines = (baselinesBy.get(row.id) ?? [])
      .map((b) => ({ value: Number(b.normalizedValue), asOf: day(b.asOf) }))
      .filter((b) => b.asOf <= today)
      .sort((a, b) => a.asOf.localeCompare(b.asOf));
    const result = evaluateIndicator({
      direction: row.direction,
      baseline: rowBaselines.at(-1) ?? null,
      targets: rowTargets,
      observations: (observationsBy.get(row.id) ?? []).map((o) => ({
        value: Number(o.normalizedValue),
        asOf: day(o.asOf),
      })),
      today,
    });
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      unit: row.unit,
      area: row.area,
      targetCount: rowTargets.length,
      baselineCount: rowBaselines.length,
      status: result.status,
      reason: result.reason,
      latest: result.latest,
      target: result.target
        ? { value: result.target.value, comparator: result.target.comparator, dueDate: result.target.dueDate }
        : null,
      actualShare: result.actualShare,
      expectedShare: result.expectedShare,
    };
  });
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
    comparator: Comparator;
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
    comparator: Comparator;
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
