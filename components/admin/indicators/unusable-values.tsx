import Link from "next/link";
import { dateWindow, shanghaiDate } from "@/lib/domain/dates";
import type { Translate } from "@/lib/i18n/catalogue";
import type { UnusableObservationRow } from "@/lib/server/observations";

/**
 * Current indicator values the status code cannot use (outside probe 2026-12, finding 1): listed for the
 * admin with a link to the indicator page, where a correction supersedes each. Nothing when there is none.
 */
export function UnusableValues({ rows, t }: { rows: UnusableObservationRow[]; t: Translate }) {
  if (rows.length === 0) return null;
  const window = { ...dateWindow(shanghaiDate(new Date())) };
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
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("inputRules.adminColumns.indicator")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("inputRules.adminColumns.asOf")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("inputRules.adminColumns.value")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("inputRules.adminColumns.reason")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("inputRules.adminColumns.action")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-amber-200">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="px-2 py-1">{row.indicator.name}</td>
                <td className="px-2 py-1 tabular-nums">{row.asOf}</td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {row.value} {row.indicator.unit}
                </td>
                <td className="px-2 py-1">{t(`inputRules.unusableReasons.${row.reason}`, window)}</td>
                <td className="px-2 py-1">
                  <Link
                    href={`/indicators/${row.indicator.id}#observations-title`}
                    className="text-brand-700 underline"
                  >
                    {t("inputRules.adminCorrect")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
