/**
 * What an indicator's chart draws, as plain series: the baseline(s), the actual values, a marker per
 * target (each labelled with the document that set it), and the linear trend of the values — the
 * forecast — drawn to the due date of the target that counts. Pure, so the page and the tests read the
 * same numbers.
 *
 * The trend is the least-squares line through the latest baseline and the current values (see
 * `forecast` in indicator-status.ts). It is drawn from the first of those points to the later of the
 * last value and the counting target's due date. "Attains" is only claimed for a target still ahead:
 * for a past target the actual values, not a projection, decide.
 *
 * Targets are drawn as levels only: a level as it is, an annual target ("年内新建6万个") as the level
 * derived from the previous year-end value (labelled 派生), and an annual target without that value not at
 * all (the data table lists it as that year's increment) — lib/domain/indicator-targets.ts. The axes
 * (`chartAxes`) have a tick on 1 January of every year in view and value ticks at 1, 2 or 5 × 10^k.
 */
import {
  DEFAULT_INDICATOR_THRESHOLDS,
  evaluateIndicator,
  forecast,
  forecastAttains,
  type Comparator,
  type Direction,
  type IndicatorStatusResult,
  type IndicatorThresholds,
  usableInputs,
} from "./indicator-status";
import { asLevelTargets, type LevelTargetInfo } from "./indicator-targets";

export interface ChartBaseline {
  value: number;
  asOf: string;
  document: string | null;
}

export interface ChartTarget {
  id: number;
  value: number;
  comparator: Comparator;
  dueDate: string;
  aspirational: boolean;
  /** The short title of the document that set it. */
  document: string;
  /** true: a level (累计); false: that year's increment (年内新建); null or absent: not said (a level). */
  cumulative?: boolean | null;
}

/** A target as drawn and judged: `value` is a level (derived for an annual target), see LevelTargetInfo. */
export type ChartLevelTarget = ChartTarget & LevelTargetInfo;

export interface ChartObservation {
  value: number;
  asOf: string;
  isSample: boolean;
}

export interface IndicatorChartModel {
  baselines: ChartBaseline[];
  /** Every target: levels, derived levels (basis DERIVED_LEVEL) and annual ones that cannot be drawn. */
  targets: ChartLevelTarget[];
  observations: ChartObservation[];
  trend: { from: { asOf: string; value: number }; to: { asOf: string; value: number } } | null;
  /** The trend's value at the counting target's due date, when that date is still ahead. */
  projection: { dueDate: string; value: number; attains: boolean; slopePerYear: number } | null;
  evaluation: IndicatorStatusResult<ChartLevelTarget, ChartObservation>;
  today: string;
  /** The margins the status was judged with. */
  thresholds: IndicatorThresholds;
  axes: ChartAxes;
}

/** Times are milliseconds since 1970 (UTC midnight of the date), as the chart's time axis reads them. */
export interface ChartAxes {
  xDomain: [number, number];
  /** 31 December of every year in view: the year-end values most indicators report sit on them. */
  xTicks: number[];
  yDomain: [number, number];
  /** Multiples of a step of 1, 2 or 5 × 10^k, from the domain's low end to its high end. */
  yTicks: number[];
}

/** Milliseconds of a YYYY-MM-DD date at UTC midnight. */
export const chartTime = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

const DAY_MS = 86_400_000;
/** Room left and right of the outermost points on the time axis. */
const TIME_PAD_MS = 120 * DAY_MS;

/**
 * Value ticks a reader can count: a step of 1, 2 or 5 × 10^k giving at most `maxIntervals` intervals,
 * from a multiple of the step at or below min(low, 0) to one at or above `high` (the chart's top margin
 * holds the labels above the markers). 0–160 000 → 0, 5万, 10万, 15万, 20万 (never 5.5万, 11万, 16.5万);
 * a share up to 98 % → 0, 20 … 100.
 */
export function niceTicks(low: number, high: number, maxIntervals = 5): { domain: [number, number]; ticks: number[] } {
  const from = Math.min(low, 0);
  const span = high - from > 0 ? high - from : Math.abs(high) || 1;
  const top = Math.max(high, from);
  let magnitude = 10 ** Math.floor(Math.log10(span / maxIntervals));
  let step = magnitude;
  for (;;) {
    const candidate = [1, 2, 5, 10]
      .map((f) => f * magnitude)
      .find((s) => Math.ceil(top / s) - Math.floor(from / s) <= maxIntervals);
    if (candidate !== undefined) {
      step = candidate;
      break;
    }
    magnitude *= 10;
  }
  const clean = (n: number) => Number(n.toPrecision(12));
  const first = Math.floor(from / step);
  const last = Math.max(first + 1, Math.ceil(top / step));
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => clean((first + i) * step));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** The axes of a chart whose points lie at `times` (ms) with `values`, drawn on `today`. */
export function chartAxes(points: { t: number; value: number }[], today: string): ChartAxes {
  const times = [...points.map((p) => p.t), chartTime(today)];
  const [minT, maxT] = [Math.min(...times), Math.max(...times)];
  const lastYear = new Date(maxT).getUTCFullYear();
  const xDomain: [number, number] = [
    minT - TIME_PAD_MS,
    Math.max(maxT + TIME_PAD_MS, Date.UTC(lastYear, 11, 31) + 30 * DAY_MS),
  ];
  const xTicks: number[] = [];
  for (let year = new Date(xDomain[0]).getUTCFullYear(); year <= lastYear + 1; year++) {
    const t = Date.UTC(year, 11, 31);
    if (t >= xDomain[0] && t <= xDomain[1]) xTicks.push(t);
  }
  const values = points.map((p) => p.value);
  const { domain, ticks } = values.length ? niceTicks(Math.min(...values), Math.max(...values)) : niceTicks(0, 1);
  return { xDomain, xTicks, yDomain: domain, yTicks: ticks };
}

export function buildIndicatorChart(input: {
  direction: Direction;
  baselines: ChartBaseline[];
  targets: ChartTarget[];
  /** Current values only (corrections already applied). */
  observations: ChartObservation[];
  today: string;
  thresholds?: IndicatorThresholds;
}): IndicatorChartModel {
  const byDate = <T extends { asOf: string }>(items: T[]) => [...items].sort((a, b) => a.asOf.localeCompare(b.asOf));
  // A row the status code cannot use (lib/domain/indicator-values.ts) is neither drawn nor judged.
  const usable = usableInputs({
    baseline: null,
    targets: input.targets,
    observations: input.observations,
    today: input.today,
  });
  const baselines = byDate(
    input.baselines.filter(
      (b) => usableInputs({ baseline: b, targets: [], observations: [], today: input.today }).baseline,
    ),
  );
  const observations = byDate(usable.observations.filter((o) => o.asOf <= input.today));
  const baseline = [...baselines].reverse().find((b) => b.asOf <= input.today) ?? null;
  // Baselines first, so a value of the same date wins as the previous year-end.
  const levels = [...baselines.filter((b) => b.asOf <= input.today), ...observations];
  const targets = asLevelTargets(
    [...usable.targets].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id),
    levels,
    input.today,
  );
  const evaluation = evaluateIndicator({
    direction: input.direction,
    baseline,
    targets,
    observations,
    today: input.today,
    thresholds: input.thresholds,
  });

  const points = baseline ? [baseline, ...observations.filter((o) => o.asOf > baseline.asOf)] : observations;
  const target = evaluation.target;
  let trend: IndicatorChartModel["trend"] = null;
  let projection: IndicatorChartModel["projection"] = null;
  const trendObservations = baseline ? observations.filter((o) => o.asOf > baseline.asOf) : observations;
  if (points.length >= 2) {
    const first = points[0]!.asOf;
    const last = points[points.length - 1]!.asOf;
    const end = target && target.dueDate > last ? target.dueDate : last;
    const at = (date: string) => forecast(trendObservations, date, baseline);
    const from = at(first);
    const to = at(end);
    if (from && to) trend = { from: { asOf: first, value: from.value }, to: { asOf: end, value: to.value } };
    if (target && target.dueDate >= input.today) {
      const prediction = at(target.dueDate);
      if (prediction) {
        projection = {
          dueDate: target.dueDate,
          value: prediction.value,
          attains: forecastAttains(prediction, target, input.direction, input.thresholds?.approxTolerance),
          slopePerYear: prediction.slopePerYear,
        };
      }
    }
  }
  // Everything drawn: an annual target without its previous year-end is not a level, so not a point.
  const drawn = [
    ...baselines.map((b) => ({ t: chartTime(b.asOf), value: b.value })),
    ...observations.map((o) => ({ t: chartTime(o.asOf), value: o.value })),
    ...targets.filter((t) => !t.notALevel).map((t) => ({ t: chartTime(t.dueDate), value: t.value })),
    ...(trend
      ? [
          { t: chartTime(trend.from.asOf), value: trend.from.value },
          { t: chartTime(trend.to.asOf), value: trend.to.value },
        ]
      : []),
  ];
  return {
    baselines,
    targets,
    observations,
    trend,
    projection,
    evaluation,
    today: input.today,
    thresholds: { ...DEFAULT_INDICATOR_THRESHOLDS, ...input.thresholds },
    axes: chartAxes(drawn, input.today),
  };
}
