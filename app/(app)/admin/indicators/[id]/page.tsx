import { notFound } from "next/navigation";
import { IndicatorAdminView } from "@/components/admin/indicators/indicator-admin-view";
import type { QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { getIndicatorForAdmin, searchMergeCandidates } from "@/lib/server/indicator-admin";

export default async function AdminIndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<QueryParams>;
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
    <IndicatorAdminView
      indicator={indicator}
      candidates={candidates}
      justMerged={query.merged !== undefined}
      locale={locale}
      t={t}
    />
  );
}
