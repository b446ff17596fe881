import Link from "next/link";
import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { shanghaiDate } from "@/lib/domain/periods";
import { formatNumber } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listIndicators } from "@/lib/server/indicators";
import { canImportObservations } from "@/lib/server/observation-import";

export default async function IndicatorsPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  const actor = await requirePageActor();
  const [{ locale, t }, indicators, canImport] = await Promise.all([
    getTranslator(),
    listIndicators(shanghaiDate(new Date())),
    canImportObservations(actor),
  ]);
  return (
    <>
      <PageHeader
        title={t("indicators.title")}
        intro={t("indicators.intro")}
        actions={
          canImport ? (
            <Link href="/indicators/import" className="text-sm text-brand-700 hover:underline">
              {t("observationImport.link")}
            </Link>
          ) : null
        }
      />
      {indicators.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("indicators.title")}</caption>
            <thead className="bg-slate-100 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("indicators.name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("indicators.area")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("indicators.status")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("indicators.latest")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("indicators.target")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("indicators.baselines")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("indicators.targets")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {indicators.map((i) => (
                <tr key={i.id}>
                  <td className="px-3 py-2">
                    <Link href={`/indicators/${i.id}`} className="text-brand-700 hover:underline">
                      {i.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{i.area}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <IndicatorStatusBadge status={i.status} label={t(`indicators.statusLabel.${i.status}`)} />
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                    {i.latest ? `${formatNumber(locale, i.latest.value)} ${i.unit}` : "—"}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                    {i.target
                      ? `${COMPARATOR_SYMBOL[i.target.comparator]}${formatNumber(locale, i.target.value)} ${i.unit}（${i.target.dueDate.slice(0, 4)}）`
                      : "—"}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{i.baselineCount}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{i.targetCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
