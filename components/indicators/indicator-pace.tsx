import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import type { IndicatorChartModel } from "@/lib/domain/indicator-chart";
import { formatDate, formatNumber, formatQuantity, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { IndicatorStatusBadge } from "./indicator-status-badge";
import { ProgressBar } from "./progress-bar";

/** The status, the target that counts, 序时进度 against the actual share, and the trend's verdict. */
export function IndicatorPace({
  model,
  unit,
  locale,
  t,
}: {
  model: IndicatorChartModel;
  unit: string;
  locale: Locale;
  t: Translate;
}) {
  const { evaluation, projection } = model;
  const percent = (share: number) => formatNumber(locale, share, { style: "percent", maximumFractionDigits: 1 });
  const target = evaluation.target;
  const row = "flex flex-wrap justify-between gap-x-3 gap-y-1 py-1.5";
  // A derived level is marked so; an annual target that is not a level shows as that year's increment.
  const targetText = (counting: NonNullable<typeof target>) => {
    const figure = `${COMPARATOR_SYMBOL[counting.comparator]}${formatQuantity(locale, counting.notALevel ? (counting.increment ?? counting.value) : counting.value, unit)}`;
    if (counting.notALevel) return `${t("indicatorChart.annualShort")} ${figure}`;
    return counting.basis === "DERIVED_LEVEL" ? `${figure}（${t("indicatorChart.derived")}）` : figure;
  };
  return (
    <section
      aria-labelledby="pace-title"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="indicator-pace"
    >
      <h2 id="pace-title" className="mb-2 flex items-center gap-2 font-semibold">
        {t("indicatorChart.pace.title")}
        <IndicatorStatusBadge status={evaluation.status} label={t(`indicators.statusLabel.${evaluation.status}`)} />
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        {t(`indicatorChart.pace.reasons.${evaluation.reason}`, {
          onPace: percent(model.thresholds.onPaceMargin),
          atRisk: percent(model.thresholds.atRiskMargin),
        })}
      </p>
      <dl className="divide-y divide-slate-100 text-sm">
        <div className={row}>
          <dt className="text-slate-600">{t("indicatorChart.pace.target")}</dt>
          <dd>
            {target
              ? t("indicatorChart.pace.targetValue", {
                  value: targetText(target),
                  date: formatDate(locale, target.dueDate),
                  document: target.document,
                })
              : t("indicatorChart.pace.none")}
          </dd>
        </div>
        <div className={row}>
          <dt className="text-slate-600">{t("indicatorChart.pace.latest")}</dt>
          <dd>
            {evaluation.latest
              ? t("indicatorChart.pace.latestValue", {
                  value: formatQuantity(locale, evaluation.latest.value, unit),
                  date: formatDate(locale, evaluation.latest.asOf),
                })
              : t("indicatorChart.pace.none")}
          </dd>
        </div>
        {evaluation.expectedShare !== null && evaluation.actualShare !== null ? (
          <div className="space-y-1 py-1.5">
            <dt className="sr-only">{t("indicatorChart.pace.actual")}</dt>
            <dd>
              <ProgressBar
                label={t("indicatorChart.pace.actual")}
                share={evaluation.actualShare}
                expected={evaluation.expectedShare}
                expectedLabel={t("indicatorChart.pace.expected")}
                status={evaluation.status}
                locale={locale}
              />
            </dd>
          </div>
        ) : null}
        {projection ? (
          <div className={row}>
            <dt className="text-slate-600">
              {t("indicatorChart.pace.projection", { date: formatDate(locale, projection.dueDate) })}
            </dt>
            <dd data-testid="projection">
              {formatQuantity(locale, projection.value, unit)} ·{" "}
              {t(projection.attains ? "indicatorChart.pace.attains" : "indicatorChart.pace.misses")}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
