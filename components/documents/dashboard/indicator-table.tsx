import Link from "next/link";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { ProgressBar } from "@/components/indicators/progress-bar";
import { DataTable, Panel, type Column } from "@/components/ui/data-table";
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
  const columns: Column<DashboardIndicator>[] = [
    {
      key: "name",
      header: t("documentDashboard.indicators.name"),
      headerClassName: "py-2 pr-3",
      rowHeader: true,
      className: "min-w-40 py-2 pr-3 text-left font-normal",
      cell: (i) => (
        <>
          <Link href={`/indicators/${i.id}`} className="text-brand-700 hover:underline">
            {i.name}
          </Link>
          <div className="text-xs text-slate-600">{i.area}</div>
        </>
      ),
    },
    {
      key: "status",
      header: t("documentDashboard.indicators.status"),
      headerClassName: "px-2 py-2",
      className: "px-2 py-2 whitespace-nowrap",
      cell: (i) => <IndicatorStatusBadge status={i.status} label={t(`indicators.statusLabel.${i.status}`)} />,
    },
    {
      key: "progress",
      header: t("documentDashboard.indicators.progress"),
      headerClassName: "px-2 py-2",
      className: "min-w-44 px-2 py-2",
      cell: (i) => (
        <>
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
        </>
      ),
    },
    {
      key: "latest",
      header: t("documentDashboard.indicators.latest"),
      headerClassName: "px-2 py-2 text-right",
      className: "px-2 py-2 text-right whitespace-nowrap tabular-nums",
      cell: (i) =>
        i.latest ? (
          <>
            {quantity(i.latest.value, i.unit)}
            <div className="text-xs text-slate-600">{formatDate(locale, i.latest.asOf)}</div>
          </>
        ) : (
          "—"
        ),
    },
    {
      key: "documentTarget",
      header: t("documentDashboard.indicators.documentTarget"),
      headerClassName: "py-2 pl-2 text-right",
      className: "py-2 pl-2 text-right whitespace-nowrap tabular-nums",
      cellProps: () => ({ "data-testid": "document-target" }),
      cell: (i) => (
        <>
          {i.documentTarget ? (
            <>
              <span title={i.documentTarget.valueAsWritten}>
                {COMPARATOR_SYMBOL[i.documentTarget.comparator]}
                {quantity(i.documentTarget.value, i.unit)}
              </span>
              {i.documentTarget.aspirational ? (
                <span className="ml-1 text-xs text-slate-600">({t("documentDashboard.indicators.aspirational")})</span>
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
        </>
      ),
    },
  ];
  return (
    <Panel
      headingId="indicator-table-heading"
      title={t("documentDashboard.indicators.heading")}
      intro={t("documentDashboard.indicators.intro")}
    >
      <DataTable
        columns={columns}
        rows={indicators}
        rowKey={(i) => i.id}
        empty={t("documentDashboard.indicators.empty")}
        testId="indicator-table"
        look="ruled"
        rowClassName="border-b border-slate-100 align-top"
        rowProps={(i) => ({ "data-indicator": i.key })}
      />
    </Panel>
  );
}
