import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { AdminIndicatorRow } from "@/lib/server/indicator-admin";
import type { UnusableObservationRow } from "@/lib/server/observations";
import { IndicatorAdminFilters, IndicatorAdminTable, type IndicatorAdminFilter } from "./indicator-admin-list";
import { UnusableValues } from "./unusable-values";

/** The indicator catalogue for an administrator: unusable values first, then the filtered list. */
export function IndicatorAdminListView({
  filter,
  indicators,
  areas,
  unusable,
  locale,
  t,
}: {
  filter: IndicatorAdminFilter;
  indicators: { items: AdminIndicatorRow[]; total: number; page: number; pageSize: number };
  areas: string[];
  unusable: UnusableObservationRow[];
  locale: Locale;
  t: Translate;
}) {
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-700 underline">
        {t("admin.back")}
      </Link>
      <PageHeader title={t("indicatorAdmin.title")} intro={t("indicatorAdmin.intro")} />
      <UnusableValues rows={unusable} t={t} />
      <IndicatorAdminFilters filter={filter} areas={areas} t={t} />
      <IndicatorAdminTable page={indicators} filter={filter} locale={locale} t={t} />
    </>
  );
}
