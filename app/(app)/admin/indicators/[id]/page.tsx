import Link from "next/link";
import { notFound } from "next/navigation";
import { IndicatorAdminDetail } from "@/components/admin/indicators/indicator-admin-detail";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { getIndicatorForAdmin, searchMergeCandidates } from "@/lib/server/indicator-admin";

export default async function AdminIndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor(["ADMIN"]);
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, indicator, query] = await Promise.all([
    getTranslator(),
    getIndicatorForAdmin(actor, id),
    searchParams,
  ]);
  if (!indicator) notFound();
  // The merge form starts with the indicators of the same area and searches the rest on the server.
  const candidates = indicator.mergedInto
    ? { items: [], more: false }
    : await searchMergeCandidates(actor, { sourceId: id });
  return (
    <>
      <Link href="/admin/indicators" className="text-sm text-brand-700 underline">
        {t("indicatorAdmin.back")}
      </Link>
      <PageHeader
        title={indicator.name}
        intro={`${t("indicatorAdmin.key")}：${indicator.key} · ${indicator.area} · ${t("indicatorAdmin.unit")}：${indicator.unit}`}
        actions={
          <Link href={`/indicators/${indicator.id}`} className="text-sm text-brand-700 underline">
            {t("indicatorAdmin.viewInCatalogue")}
          </Link>
        }
      />
      <IndicatorAdminDetail
        indicator={indicator}
        candidates={candidates}
        justMerged={query.merged !== undefined}
        locale={locale}
        t={t}
      />
    </>
  );
}
