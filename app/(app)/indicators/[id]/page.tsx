import { notFound } from "next/navigation";
import { IndicatorView } from "@/components/indicators/indicator-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { isFollowing } from "@/lib/server/follows";
import { getIndicatorThresholds } from "@/lib/server/settings";
import { getIndicator, indicatorChart } from "@/lib/server/indicators";
import { canRecordObservation, listObservations } from "@/lib/server/observations";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ history?: string | string[] }> };
export default async function IndicatorPage({ params, searchParams }: Props) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const actor = await requirePageActor();
  const [{ locale, t }, indicator, observations, canRecord, thresholds, following] = await Promise.all([
    getTranslator(),
    getIndicator(id),
    listObservations(id),
    canRecordObservation(actor, id),
    getIndicatorThresholds(),
    isFollowing(actor.id, "indicator", id),
  ]);
  if (!indicator) notFound();
  const today = shanghaiDate(new Date());
  return (
    <IndicatorView
      indicator={indicator}
      chart={indicatorChart(indicator, observations, today, thresholds)}
      observations={observations}
      canRecord={canRecord}
      following={following}
      showAll={(await searchParams).history === "all"}
      today={today}
      locale={locale}
      t={t}
    />
  );
}
