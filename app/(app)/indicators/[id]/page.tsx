import { notFound } from "next/navigation";
import { IndicatorChart } from "@/components/indicators/indicator-chart";
import { IndicatorDetail } from "@/components/indicators/indicator-detail";
import { IndicatorPace } from "@/components/indicators/indicator-pace";
import { ObservationForm } from "@/components/indicators/observation-form";
import { ObservationHistory } from "@/components/indicators/observation-history";
import { shanghaiDate } from "@/lib/domain/periods";
import { getMessages } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { getIndicatorThresholds } from "@/lib/server/settings";
import { getIndicator, indicatorChart } from "@/lib/server/indicators";
import { canRecordObservation, listObservations } from "@/lib/server/observations";

export default async function IndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ history?: string | string[] }>;
}) {
  const id = idParam((await params).id);
  const showAll = (await searchParams).history === "all";
  if (id === null) notFound();
  const actor = await requirePageActor();
  const [{ locale, t }, indicator, observations, canRecord, thresholds] = await Promise.all([
    getTranslator(),
    getIndicator(id),
    listObservations(id),
    canRecordObservation(actor, id),
    getIndicatorThresholds(),
  ]);
  if (!indicator) notFound();
  const current = observations.filter((o) => o.supersededById === null);
  const chart = indicatorChart(indicator, observations, shanghaiDate(new Date()), thresholds);
  return (
    <div className="space-y-4">
      <IndicatorDetail indicator={indicator} locale={locale} t={t}>
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
              today={shanghaiDate(new Date())}
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
