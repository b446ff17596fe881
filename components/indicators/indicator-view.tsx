import { IndicatorChart } from "@/components/indicators/indicator-chart";
import { FollowToggle } from "@/components/my/follow-toggle";
import { IndicatorDetail } from "@/components/indicators/indicator-detail";
import { IndicatorPace } from "@/components/indicators/indicator-pace";
import { ObservationForm } from "@/components/indicators/observation-form";
import { ObservationHistory } from "@/components/indicators/observation-history";
import type { IndicatorChartModel } from "@/lib/domain/indicator-chart";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { IndicatorDetail as Indicator } from "@/lib/server/indicators";
import type { ObservationRow } from "@/lib/server/observations";

/** An indicator: its facts, chart and pace, then its values' history and (if allowed) the entry form. */
export function IndicatorView({
  indicator,
  chart,
  observations,
  canRecord,
  following,
  showAll,
  today,
  locale,
  t,
}: {
  indicator: Indicator;
  chart: IndicatorChartModel;
  observations: ObservationRow[];
  canRecord: boolean;
  /** The signed-in user follows this indicator (关注). */
  following: boolean;
  /** The whole history was asked for (?history=all), so no "show all" link. */
  showAll: boolean;
  today: string;
  locale: Locale;
  t: Translate;
}) {
  // Only a current value (not yet superseded) can be corrected.
  const current = observations.filter((o) => o.supersededById === null);
  return (
    <div className="space-y-4">
      <IndicatorDetail
        indicator={indicator}
        locale={locale}
        t={t}
        follow={<FollowToggle subject="indicator" id={indicator.id} following={following} t={t} />}
      >
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <IndicatorChart
              model={chart}
              unit={indicator.unit}
              locale={locale}
              m={getMessages(locale).indicatorChart}
            />
          </div>
          <IndicatorPace model={chart} unit={indicator.unit} locale={locale} t={t} />
        </div>
      </IndicatorDetail>
      <section aria-labelledby="observations-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="observations-title" className="mb-2 font-semibold">
          {t("observations.title")}
        </h2>
        <ObservationHistory
          rows={observations}
          unit={indicator.unit}
          locale={locale}
          t={t}
          showAllHref={showAll ? undefined : `/indicators/${indicator.id}?history=all#observations-title`}
        />
        {canRecord ? (
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-2 text-sm font-semibold">{t("observations.formTitle")}</h3>
            <ObservationForm
              indicatorId={indicator.id}
              unit={indicator.unit}
              today={today}
              locale={locale}
              correctable={current.map((o) => ({
                id: o.id,
                label: `${o.unusable ? `${t("inputRules.unusable")} · ` : ""}${o.asOf} · ${o.value} ${indicator.unit}`,
              }))}
              m={getMessages(locale).observations}
            />
          </div>
        ) : null}
      </section>
    </div>
  );
}
