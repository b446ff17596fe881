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
}

export interface ChartObservation {
  value: number;
  asOf: string;
  isSample: boolean;
}

export interface IndicatorChartModel {
  baselines: ChartBaseline[];
  targets: ChartTarget[];
  observations: ChartObservation[];
  trend: { from: { asOf: string; value: number }; to: { asOf: string; value: number } } | null;
  /** The trend's value at the counting target's due date, when that date is still ahead. */
  projection: { dueDate: string; value: number; attains: boolean; slopePerYear: number } | null;
  evaluation: IndicatorStatusResult<ChartTarget, ChartObservation>;
  today: string;
  /** The margins the status was judged with. */
  thresholds: IndicatorThresholds;
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
  const targets = [...usable.targets].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  const baseline = [...baselines].reverse().find((b) => b.asOf <= input.today) ?? null;
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
  return {
    baselines,
    targets,
    observations,
    trend,
    projection,
    evaluation,
    today: input.today,
    thresholds: { ...DEFAULT_INDICATOR_THRESHOLDS, ...input.thresholds },
  };
}
