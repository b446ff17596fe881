import Link from "next/link";
import { IndicatorAdminFilters, IndicatorAdminTable } from "@/components/admin/indicators/indicator-admin-list";
import { UnusableValues } from "@/components/admin/indicators/unusable-values";
import { PageHeader } from "@/components/ui/page-header";
import { INDICATOR_ADMIN_STATES } from "@/lib/domain/indicator-admin";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listIndicatorAreas, pageIndicatorsForAdmin } from "@/lib/server/indicator-admin";
import { listUnusableObservations } from "@/lib/server/observations";

export default async function AdminIndicatorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor(["ADMIN"]);
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
  const state = INDICATOR_ADMIN_STATES.find((s) => s === first(params.state)) ?? "all";
  const filter = { q: first(params.q).slice(0, 100), area: first(params.area).slice(0, 50), state };
  const page = Number.parseInt(first(params.page), 10) || 1;
  const [{ locale, t }, indicators, areas, unusable] = await Promise.all([
    getTranslator(),
    pageIndicatorsForAdmin(actor, filter, page),
    listIndicatorAreas(actor),
    listUnusableObservations(actor),
  ]);
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
