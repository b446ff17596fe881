import "server-only";
import { Prisma } from "../generated/prisma/client";
import {
  evaluateIndicator,
  type Comparator,
  type IndicatorStatus,
  type IndicatorThresholds,
} from "../domain/indicator-status";
import { buildIndicatorChart, type IndicatorChartModel } from "../domain/indicator-chart";
import { indicatorGap, type IndicatorGap } from "../domain/indicator-attention";
import { asLevelTargets, type TargetBasis } from "../domain/indicator-targets";
import { dateWindow, EARLIEST_DATE, shanghaiDate, storedDay, utcMidnight } from "../domain/dates";
import { MAX_BASE_MAGNITUDE, unusableReason } from "../domain/indicator-values";
import { toDisplayUnit, unitScaleOf } from "../domain/indicator-units";
import { sourceHref } from "../reader/links";
import { cachedRead } from "./cache";
import { getDb } from "./db";
import { getIndicatorThresholds } from "./settings";
import { warnUnusableObservation } from "./unusable-values";

/** Indicators a re-import left without any current target, baseline or value are not in the catalogue. */
export const ACTIVE_INDICATOR = {
  mergedIntoId: null,
  OR: [
    { targets: { some: { retiredAt: null } } },
    { baselines: { some: { retiredAt: null } } },
    { observations: { some: {} } },
    // Values entered for indicators merged into this one count for it (observations never move).
    { mergedFrom: { some: { observations: { some: {} } } } },
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
  /** Values below are in the indicator's unit (`unit`). */
  latest: { value: number; asOf: string } | null;
  target: { value: number; comparator: Comparator; dueDate: string } | null;
  /**
   * How the target that counts was read (lib/domain/indicator-targets.ts): a level, a level derived from
   * an annual target (previous year-end + the year's increment), or an annual target that cannot be
   * judged (no previous year-end value; `target.value` is then the increment).
   */
  targetBasis: TargetBasis | null;
  /** The latest baseline on or before the date asked for. */
  baseline: { value: number; asOf: string } | null;
  /**
   * Every current target from every document, by due date, as the document set it (an annual target's
   * value is the year's increment: `cumulative` false).
   */
  targets: {
    value: number;
    comparator: Comparator;
    dueDate: string;
    document: string;
    aspirational: boolean;
    cumulative: boolean | null;
  }[];
  /** Share of the way from baseline to the target that counts, when measurable (0..1+). */
  actualShare: number | null;
  /** 序时进度: the share expected by the date asked for, when there is a start date. */
  expectedShare: number | null;
  /** How far behind 序时进度 or short of a past target (lib/domain/indicator-attention.ts). */
  gap: IndicatorGap;
}

/** Narrows the catalogue (ANDed with ACTIVE_INDICATOR), so a caller evaluates only what it shows. */
export interface ListIndicatorsOptions {
  where?: Prisma.IndicatorWhereInput;
}

/**
 * The catalogue with each indicator's status by 序时进度 (lib/domain/indicator-status.ts) as of
 * `today` (a Shanghai calendar date), with the admin-set thresholds. Five queries in all, whatever the
 * number of indicators or values.
 */
export function listIndicators(today: string, options: ListIndicatorsOptions = {}): Promise<IndicatorListItem[]> {
  // Every indicator's status at scale is a few hundred milliseconds of work: reused until an indicator,
  // target, baseline, value or threshold changes (lib/server/cache.ts), per date and narrowing.
  return cachedRead("indicator-list", ["indicators"], { today, where: options.where ?? null }, () =>
    computeIndicatorList(today, options),
  );
}

async function computeIndicatorList(today: string, options: ListIndicatorsOptions): Promise<IndicatorListItem[]> {
  const db = getDb();
  // A real promise (a Prisma query is a lazy thenable): it is awaited twice below, and must run once.
  const rowsQuery = Promise.resolve(
    db.indicator.findMany({
      where: options.where ? { AND: [ACTIVE_INDICATOR, options.where] } : ACTIVE_INDICATOR,
      orderBy: [{ area: "asc" }, { name: "asc" }],
      select: { id: true, key: true, name: true, unit: true, unitScale: true, area: true, direction: true },
    }),
  );
  // An indicator that is not merged and has a current target or baseline is active, so the targets and
  // baselines can be filtered by that alone and read alongside the catalogue rather than after it. The
  // values too, for the whole catalogue (the values of an inactive indicator are simply not used); a
  // narrowed catalogue reads only its own.
  const indicator: Prisma.IndicatorWhereInput = options.where
    ? { AND: [{ mergedIntoId: null }, options.where] }
    : { mergedIntoId: null };
  const [rows, targets, baselines, observations, thresholds, , yearEnds] = await Promise.all([
    rowsQuery,
    db.indicatorTarget.findMany({
      where: { retiredAt: null, indicator },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: {
        indicatorId: true,
        normalizedValue: true,
        comparator: true,
        id: true,
        dueDate: true,
        aspirational: true,
        cumulative: true,
        document: { select: { shortTitle: true } },
      },
    }),
    db.indicatorBaseline.findMany({
      where: { retiredAt: null, asOf: { lte: utcMidnight(today) }, indicator },
      orderBy: [{ asOf: "asc" }, { id: "asc" }],
      select: { indicatorId: true, normalizedValue: true, asOf: true },
    }),
    options.where
      ? rowsQuery.then((r) =>
          latestObservations(
            r.map((i) => i.id),
            today,
          ),
        )
      : latestObservations(null, today),
    getIndicatorThresholds(),
    options.where
      ? rowsQuery.then((r) =>
          logUnusableObservations(
            r.map((i) => i.id),
            today,
          ),
        )
      : logUnusableObservations(null, today),
    options.where
      ? rowsQuery.then((r) =>
          previousYearEndValues(
            r.map((i) => i.id),
            today,
          ),
        )
      : previousYearEndValues(null, today),
  ]);
  if (rows.length === 0) return [];
  const group = <T extends { indicatorId: number }>(items: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of items) {
      const list = map.get(item.indicatorId);
      if (list) list.push(item);
      else map.set(item.indicatorId, [item]);
    }
    return map;
  };
  const targetsBy = group(targets);
  const baselinesBy = group(baselines);
  const observationsBy = new Map(observations.map((o) => [o.indicatorId, o]));
  const yearEndBy = new Map(yearEnds.map((o) => [o.targetId, { value: Number(o.value), asOf: o.asOf }]));
  return rows.map((row) => {
    // Normalised values (万/亿 expanded) are compared; results are shown in the indicator's unit.
    const shown = (value: number) => toDisplayUnit(value, row.unitScale);
    const rowTargets = (targetsBy.get(row.id) ?? []).map((t) => ({
      id: t.id,
      value: Number(t.normalizedValue),
      comparator: t.comparator,
      dueDate: storedDay(t.dueDate),
      aspirational: t.aspirational,
      cumulative: t.cumulative,
      document: t.document.shortTitle,
    }));
    // Ordered by date (ties by id) in the query: the last one is the baseline that counts.
    const rowBaselines = (baselinesBy.get(row.id) ?? []).map((b) => ({
      value: Number(b.normalizedValue),
      asOf: storedDay(b.asOf),
    }));
    const baseline = rowBaselines.at(-1) ?? null;
    // Annual targets are judged as levels: previous year-end (a baseline, or the value read for that
    // target) + the year's increment; see lib/domain/indicator-targets.ts.
    const levelTargets = rowTargets.map((t) => {
      const yearEnd = yearEndBy.get(t.id);
      return asLevelTargets([t], yearEnd ? [...rowBaselines, yearEnd] : rowBaselines, today)[0]!;
    });
    const observed = observationsBy.get(row.id);
    const result = evaluateIndicator({
      direction: row.direction,
      baseline,
      targets: levelTargets,
      // evaluateIndicator reads only the latest value on or before `today` and the first date (the
      // start when there is no baseline): two points with those stand for the whole history. The
      // latest comes last, so it wins when both share a date.
      observations: observed
        ? [
            { value: Number(observed.value), asOf: observed.firstAsOf },
            { value: Number(observed.value), asOf: observed.asOf },
          ]
        : [],
      today,
      thresholds,
    });
    const item = {
      id: row.id,
      key: row.key,
      name: row.name,
      unit: row.unit,
      area: row.area,
      targetCount: rowTargets.length,
      baselineCount: rowBaselines.length,
      status: result.status,
      reason: result.reason,
      latest: result.latest ? { value: shown(result.latest.value), asOf: result.latest.asOf } : null,
      target: result.target
        ? { value: shown(result.target.value), comparator: result.target.comparator, dueDate: result.target.dueDate }
        : null,
      targetBasis: result.target?.basis ?? null,
      baseline: baseline ? { value: shown(baseline.value), asOf: baseline.asOf } : null,
      targets: rowTargets.map(({ id: _id, ...t }) => ({ ...t, value: shown(t.value) })),
      actualShare: result.actualShare,
      expectedShare: result.expectedShare,
    };
    return { ...item, gap: indicatorGap(item, today) };
  });
}

/**
 * Per current annual target (cumulative = false) of the indicators in `ids` (null: all), the value its
 * derived level adds to: the latest usable current value of the indicator (or one merged into it) dated
 * within the calendar year before the target's due year and on or before `today` (ties by date to the
 * later entry). Annual targets are few, and each reads one index step.
 */
async function previousYearEndValues(
  ids: number[] | null,
  today: string,
): Promise<{ targetId: number; value: string; asOf: string }[]> {
  if (ids?.length === 0) return [];
  const scope = ids ? Prisma.sql`AND t."indicatorId" = ANY(${ids}::int[])` : Prisma.empty;
  return getDb().$queryRaw<{ targetId: number; value: string; asOf: string }[]>`
    SELECT t.id AS "targetId", latest.value, latest."asOf"
    FROM "indicator_target" t
    CROSS JOIN LATERAL (
      SELECT o."normalizedValue"::text AS value, to_char(o."asOf", 'YYYY-MM-DD') AS "asOf"
      FROM "indicator" m
      JOIN "observation" o ON o."indicatorId" = m.id
      WHERE (m.id = t."indicatorId" OR m."mergedIntoId" = t."indicatorId")
        AND o."asOf" >= make_date(extract(year FROM t."dueDate")::int - 1, 1, 1)
        AND o."asOf" <= make_date(extract(year FROM t."dueDate")::int - 1, 12, 31)
        AND o."asOf" <= ${today}::date
        AND o."asOf" >= ${EARLIEST_DATE}::date AND abs(o."normalizedValue") <= ${MAX_BASE_MAGNITUDE}
        AND NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)
      ORDER BY o."asOf" DESC, o.id DESC
      LIMIT 1
    ) latest
    WHERE t."retiredAt" IS NULL AND t.cumulative = false ${scope}`;
}

/**
 * Per indicator in `ids` (null: every indicator): its latest usable current value dated on or before `today` (ties by date go to the
 * later entry) and the date of its first such value. Usable = dated from 2000-01-01 and at most 1e15 in
 * absolute value (PostgreSQL's NaN sorts above every number, so it is out too): the read-side rule of
 * lib/domain/indicator-values.ts in SQL, so that a bad row neither counts nor hides the good ones. Current = not superseded by a correction; values
 * of indicators merged into one count for it (observations never move). One statement: each member
 * indicator is read through the (indicatorId, asOf) index, one row from each end, instead of every
 * value being loaded.
 */
async function latestObservations(
  ids: number[] | null,
  today: string,
): Promise<{ indicatorId: number; value: string; asOf: string; firstAsOf: string }[]> {
  if (ids?.length === 0) return [];
  const members = ids
    ? Prisma.sql`m.id = ANY(${ids}::int[]) OR m."mergedIntoId" = ANY(${ids}::int[])`
    : Prisma.sql`TRUE`;
  return getDb().$queryRaw<{ indicatorId: number; value: string; asOf: string; firstAsOf: string }[]>`
    WITH member AS (
      SELECT m.id, COALESCE(m."mergedIntoId", m.id) AS owner
      FROM "indicator" m
      WHERE ${members}
    ),
    per_member AS (
      SELECT member.owner, latest.id, latest."normalizedValue", latest."asOf" AS "lastDate", first."asOf" AS "firstDate"
      FROM member
      CROSS JOIN LATERAL (
        SELECT o.id, o."normalizedValue", o."asOf" FROM "observation" o
        WHERE o."indicatorId" = member.id AND o."asOf" <= ${today}::date
          AND o."asOf" >= ${EARLIEST_DATE}::date AND abs(o."normalizedValue") <= ${MAX_BASE_MAGNITUDE}
          AND NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)
        ORDER BY o."asOf" DESC, o.id DESC
        LIMIT 1
      ) latest
      CROSS JOIN LATERAL (
        SELECT o."asOf" FROM "observation" o
        WHERE o."indicatorId" = member.id AND o."asOf" <= ${today}::date
          AND o."asOf" >= ${EARLIEST_DATE}::date AND abs(o."normalizedValue") <= ${MAX_BASE_MAGNITUDE}
          AND NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)
        ORDER BY o."asOf"
        LIMIT 1
      ) first
    )
    SELECT DISTINCT ON (owner) owner AS "indicatorId", "normalizedValue"::text AS value,
           to_char("lastDate", 'YYYY-MM-DD') AS "asOf",
           to_char(min("firstDate") OVER (PARTITION BY owner), 'YYYY-MM-DD') AS "firstAsOf"
    FROM per_member
    ORDER BY owner, "lastDate" DESC, id DESC`;
}

/**
 * Logs the current values the catalogue left out as unusable (lib/server/unusable-values.ts). Only the
 * ends of each indicator's history are looked at — its earliest value, its latest on or before `today`
 * and its latest of all, one index step each — since those are the rows that would have counted (a
 * start date, the latest value) or that lie outside the window; the indicator page and the admin's list
 * show every unusable row.
 */
async function logUnusableObservations(ids: number[] | null, today: string): Promise<void> {
  if (ids?.length === 0) return;
  const members = ids
    ? Prisma.sql`m.id = ANY(${ids}::int[]) OR m."mergedIntoId" = ANY(${ids}::int[])`
    : Prisma.sql`TRUE`;
  const { min, max } = dateWindow(shanghaiDate(new Date()));
  const current = Prisma.sql`NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)`;
  const rows = await getDb().$queryRaw<{ id: number; indicatorId: number; asOf: string; value: string }[]>`
    WITH member AS (SELECT m.id FROM "indicator" m WHERE ${members})
    SELECT DISTINCT ends.id, member.id AS "indicatorId", ends."asOf"::text AS "asOf", ends."normalizedValue"::text AS value
    FROM member
    CROSS JOIN LATERAL (
      (SELECT o.id, o."asOf", o."normalizedValue" FROM "observation" o
        WHERE o."indicatorId" = member.id AND ${current} ORDER BY o."asOf", o.id LIMIT 1)
      UNION ALL
      (SELECT o.id, o."asOf", o."normalizedValue" FROM "observation" o
        WHERE o."indicatorId" = member.id AND o."asOf" <= ${today}::date AND ${current}
        ORDER BY o."asOf" DESC, o.id DESC LIMIT 1)
      UNION ALL
      (SELECT o.id, o."asOf", o."normalizedValue" FROM "observation" o
        WHERE o."indicatorId" = member.id AND ${current} ORDER BY o."asOf" DESC, o.id DESC LIMIT 1)
    ) ends
    WHERE NOT (ends."asOf" >= ${min}::date AND ends."asOf" <= ${max}::date
      AND abs(ends."normalizedValue") <= ${MAX_BASE_MAGNITUDE})`;
  for (const row of rows) {
    const reason = unusableReason({ normalizedValue: Number(row.value), asOf: row.asOf }, shanghaiDate(new Date()));
    if (reason) warnUnusableObservation({ ...row, reason });
  }
}

/** The catalogue's names and counts without any evaluation (the API list). */
export async function listIndicatorSummaries(
  today: string,
): Promise<
  { id: number; key: string; name: string; unit: string; area: string; targetCount: number; baselineCount: number }[]
> {
  const rows = await getDb().indicator.findMany({
    where: ACTIVE_INDICATOR,
    orderBy: [{ area: "asc" }, { name: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      unit: true,
      area: true,
      _count: {
        select: {
          targets: { where: { retiredAt: null } },
          // Same rule as listIndicators: baselines dated after `today` do not count yet.
          baselines: { where: { retiredAt: null, asOf: { lte: utcMidnight(today) } } },
        },
      },
    },
  });
  return rows.map(({ _count, ...row }) => ({
    ...row,
    targetCount: _count.targets,
    baselineCount: _count.baselines,
  }));
}

export interface IndicatorDetail {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  /** Normalised value = value in `unit` × unitScale. */
  unitScale: number;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
  /** Set when an admin merged this indicator into another: its page points there. */
  mergedInto: { id: number; name: string } | null;
  baselines: {
    id: number;
    value: number;
    normalizedValue: number;
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
      unitScale: true,
      direction: true,
      mergedInto: { select: { id: true, name: true } },
      baselines: {
        where: { retiredAt: null },
        orderBy: { asOf: "asc" },
        select: {
          id: true,
          value: true,
          normalizedValue: true,
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
    unitScale: unitScaleOf(row.unitScale),
    baselines: row.baselines.map((b) => ({
      id: b.id,
      value: Number(b.value),
      normalizedValue: Number(b.normalizedValue),
      unit: b.unit,
      valueAsWritten: b.valueAsWritten,
      comparator: b.comparator,
      asOf: storedDay(b.asOf),
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
      dueDate: storedDay(t.dueDate),
      cumulative: t.cumulative,
      aspirational: t.aspirational,
      quote: t.quote,
      document: t.document,
      task: t.task,
      sourceHref: sourceHref(t.document.slug, t.sourceFile.fileName, `target-${t.id}`),
    })),
  };
}

/**
 * The chart of an indicator (lib/domain/indicator-chart.ts) in the indicator's own unit, from its
 * detail and its values' history (current values only: a corrected value is replaced by its correction).
 */
export function indicatorChart(
  indicator: IndicatorDetail,
  observations: {
    value: number;
    asOf: string;
    isSample: boolean;
    supersededById: number | null;
    /** Set by listObservations for a row the status code cannot use: it is left out. */
    unusable?: string | null;
  }[],
  today: string,
  thresholds?: IndicatorThresholds,
): IndicatorChartModel {
  const scale = indicator.unitScale;
  return buildIndicatorChart({
    thresholds,
    direction: indicator.direction,
    baselines: indicator.baselines.map((b) => ({
      value: toDisplayUnit(b.normalizedValue, scale),
      asOf: b.asOf,
      document: b.document?.shortTitle ?? null,
    })),
    targets: indicator.targets.map((t) => ({
      id: t.id,
      value: toDisplayUnit(t.normalizedValue, scale),
      comparator: t.comparator,
      dueDate: t.dueDate,
      aspirational: t.aspirational,
      cumulative: t.cumulative,
      document: t.document.shortTitle,
    })),
    observations: observations
      .filter((o) => o.supersededById === null && !o.unusable)
      .map((o) => ({ value: o.value, asOf: o.asOf, isSample: o.isSample })),
    today,
  });
}
