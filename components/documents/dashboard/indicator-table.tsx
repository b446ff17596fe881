import Link from "next/link";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { ProgressBar } from "@/components/indicators/progress-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import { formatDate, formatQuantity, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DashboardIndicator } from "@/lib/server/document-dashboard";

/** Whether the target that counts now is this document's own (then it is not repeated). */
function sameTarget(
  counting: NonNullable<DashboardIndicator["countingTarget"]>,
  own: DashboardIndicator["documentTarget"],
): boolean {
  return own !== null && own.dueDate === counting.dueDate && own.value === counting.value;
}

export function IndicatorTable({
  indicators,
  locale,
  t,
}: {
  indicators: DashboardIndicator[];
  locale: Locale;
  t: Translate;
}) {
  const quantity = (value: number, unit: string) => formatQuantity(locale, value, unit);
  return (
    <section aria-labelledby="indicator-table-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="indicator-table-heading" className="font-semibold">
        {t("documentDashboard.indicators.heading")}
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">{t("documentDashboard.indicators.intro")}</p>
      {indicators.length === 0 ? (
        <EmptyState message={t("documentDashboard.indicators.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="indicator-table">
            <thead className="text-left text-slate-700">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">
                  {t("documentDashboard.indicators.name")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("documentDashboard.indicators.status")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("documentDashboard.indicators.progress")}
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  {t("documentDashboard.indicators.latest")}
                </th>
                <th scope="col" className="py-2 pl-2 text-right">
                  {t("documentDashboard.indicators.documentTarget")}
                </th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id} className="border-b border-slate-100 align-top" data-indicator={i.key}>
                  <th scope="row" className="min-w-40 py-2 pr-3 text-left font-normal">
                    <Link href={`/indicators/${i.id}`} className="text-brand-700 hover:underline">
                      {i.name}
                    </Link>
                    <div className="text-xs text-slate-600">{i.area}</div>
                  </th>
                  <td className="px-2 py-2 whitespace-nowrap">
                    <IndicatorStatusBadge status={i.status} label={t(`indicators.statusLabel.${i.status}`)} />
                  </td>
                  <td className="min-w-44 px-2 py-2">
                    {i.actualShare !== null ? (
                      <ProgressBar
                        label={t("documentDashboard.indicators.progressLabel")}
                        share={i.actualShare}
                        expected={i.expectedShare}
                        expectedLabel={t("documentDashboard.indicators.expected")}
                        status={i.status}
                        locale={locale}
                      />
                    ) : (
                      <span className="text-xs text-slate-600">{t("documentDashboard.indicators.noProgress")}</span>
                    )}
                    {i.countingTarget && !sameTarget(i.countingTarget, i.documentTarget) ? (
                      <div className="mt-1 text-xs text-slate-600">
                        {t("documentDashboard.indicators.countingTarget", {
                          value: `${COMPARATOR_SYMBOL[i.countingTarget.comparator]}${quantity(i.countingTarget.value, i.unit)}`,
                          date: formatDate(locale, i.countingTarget.dueDate),
                        })}
                      </div>
                    ) : null}
                  </td>
                  <td className="px-2 py-2 text-right whitespace-nowrap tabular-nums">
                    {i.latest ? (
                      <>
                        {quantity(i.latest.value, i.unit)}
                        <div className="text-xs text-slate-600">{formatDate(locale, i.latest.asOf)}</div>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-2 pl-2 text-right whitespace-nowrap tabular-nums" data-testid="document-target">
                    {i.documentTarget ? (
                      <>
                        <span title={i.documentTarget.valueAsWritten}>
                          {COMPARATOR_SYMBOL[i.documentTarget.comparator]}
                          {quantity(i.documentTarget.value, i.unit)}
                        </span>
                        {i.documentTarget.aspirational ? (
                          <span className="ml-1 text-xs text-slate-600">
                            ({t("documentDashboard.indicators.aspirational")})
                          </span>
                        ) : null}
                        <div className="text-xs text-slate-600">{formatDate(locale, i.documentTarget.dueDate)}</div>
                      </>
                    ) : (
                      "—"
                    )}
                    {i.documentBaseline ? (
                      <div className="text-xs text-slate-600">
                        {`${t("documentDashboard.indicators.baseline")} ${quantity(i.documentBaseline.value, i.unit)}（${i.documentBaseline.asOf.slice(0, 4)}）`}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
