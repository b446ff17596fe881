import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { dateWindow, EARLIEST_DATE, isCalendarDate, shanghaiDate } from "@/lib/domain/dates";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { ObservationRow } from "@/lib/server/observations";

/** The newest values shown unless all are asked for: an indicator may carry years of monthly values. */
export const HISTORY_SHOWN = 20;

/**
 * Every value entered, newest first, corrected ones struck through but kept (the history is
 * append-only). With `showAllHref`, only the newest HISTORY_SHOWN rows, and a link to the rest.
 */
export function ObservationHistory({
  rows: allRows,
  unit,
  locale,
  t,
  showAllHref,
}: {
  rows: ObservationRow[];
  unit: string;
  locale: Locale;
  t: Translate;
  showAllHref?: string;
}) {
  const rows = showAllHref ? allRows.slice(0, HISTORY_SHOWN) : allRows;
  const today = shanghaiDate(new Date());
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("observations.empty")}</p>;
  const columns: Column<ObservationRow>[] = [
    {
      key: "asOf",
      header: t("observations.asOf"),
      headerClassName: "px-2 py-1",
      className: "px-2 py-1 tabular-nums",
      cell: (row) => (
        <>
          {/* A date outside the window is shown as stored: formatting it could throw or mislead. */}
          {isCalendarDate(row.asOf) && row.asOf >= EARLIEST_DATE ? formatDate(locale, row.asOf) : row.asOf}
          {row.unusable && row.supersededById === null ? (
            <span className="mt-0.5 block text-xs font-medium text-amber-900">
              {t("inputRules.unusable")}：{t(`inputRules.unusableReasons.${row.unusable}`, { ...dateWindow(today) })}
              <span className="block font-normal text-amber-800">{t("inputRules.unusableNote")}</span>
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "value",
      header: t("indicators.detail.value"),
      headerClassName: "px-2 py-1 text-right",
      cellProps: (row) => ({
        className: `px-2 py-1 text-right tabular-nums ${row.supersededById ? "line-through" : ""}`,
      }),
      cell: (row) => (
        <>
          {Number.isFinite(row.value) ? formatNumber(locale, row.value) : String(row.value)} {unit}
          {row.supersededById ? (
            <span className="ml-1 text-xs no-underline">（{t("observations.corrected")}）</span>
          ) : null}
          {row.supersedesId ? <span className="ml-1 text-xs">（{t("observations.correction")}）</span> : null}
          {row.isSample ? <span className="ml-1 text-xs text-amber-800">（{t("observations.sample")}）</span> : null}
        </>
      ),
    },
    {
      key: "source",
      header: t("observations.source"),
      headerClassName: "px-2 py-1",
      className: "px-2 py-1",
      cell: (row) => (
        <>
          {t(`observations.sources.${row.source}`)}
          {row.sourceDetail ? <span className="block text-xs text-slate-500">{row.sourceDetail}</span> : null}
          {row.note ? <span className="block text-xs text-slate-500">{row.note}</span> : null}
        </>
      ),
    },
    {
      key: "enteredBy",
      header: t("observations.enteredBy"),
      headerClassName: "px-2 py-1",
      className: "px-2 py-1",
      cell: (row) => row.enteredBy ?? "—",
    },
  ];
  return (
    <div className="overflow-x-auto">
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        caption={t("observations.history")}
        scrollClassName={null}
        headClassName="bg-slate-100 text-left"
        bodyClassName="divide-y divide-slate-100"
        rowClassName={(row) => (row.supersededById ? "text-slate-400" : row.unusable ? "bg-amber-50" : "")}
        rowProps={(row) => ({ "data-testid": "observation-row", "data-unusable": row.unusable ?? undefined })}
      />
      {rows.length < allRows.length && showAllHref ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("observations.historyShown", {
            shown: formatNumber(locale, rows.length),
            total: formatNumber(locale, allRows.length),
          })}{" "}
          <Link href={showAllHref} className="text-brand-700 underline">
            {t("observations.historyAll")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
