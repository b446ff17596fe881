import Link from "next/link";
import { dateWindow, shanghaiDate } from "@/lib/domain/dates";
import type { Translate } from "@/lib/i18n/catalogue";
import type { UnusableObservationRow } from "@/lib/server/observations";
import type { Messages } from "@/messages/zh-CN";
import { column, DataTable, type Column } from "@/components/ui/data-table";

/**
 * Current indicator values the status code cannot use (outside probe 2026-12, finding 1): listed for the
 * admin with a link to the indicator page, where a correction supersedes each. Nothing when there is none.
 */
export function UnusableValues({ rows, t }: { rows: UnusableObservationRow[]; t: Translate }) {
  if (rows.length === 0) return null;
  const window = { ...dateWindow(shanghaiDate(new Date())) };
  const cell = "px-2 py-1";
  const header = (key: keyof Messages["inputRules"]["adminColumns"]) => t(`inputRules.adminColumns.${key}`);
  const columns: Column<UnusableObservationRow>[] = [
    column("indicator", header("indicator"), (row) => row.indicator.name, cell),
    column("asOf", header("asOf"), (row) => row.asOf, `${cell} tabular-nums`, cell),
    column(
      "value",
      header("value"),
      (row) => `${row.value} ${row.indicator.unit}`,
      `${cell} text-right tabular-nums`,
      `${cell} text-right`,
    ),
    column("reason", header("reason"), (row) => t(`inputRules.unusableReasons.${row.reason}`, window), cell),
    column(
      "action",
      header("action"),
      (row) => (
        <Link href={`/indicators/${row.indicator.id}#observations-title`} className="text-brand-700 underline">
          {t("inputRules.adminCorrect")}
        </Link>
      ),
      cell,
    ),
  ];
  return (
    <section
      aria-labelledby="unusable-values-title"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="unusable-values"
    >
      <h2 id="unusable-values-title" className="font-semibold text-amber-900">
        {t("inputRules.adminHeading", { count: rows.length })}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t("inputRules.adminIntro")}</p>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        scrollClassName="mt-2 overflow-x-auto"
        bodyClassName="divide-y divide-amber-200"
      />
    </section>
  );
}
