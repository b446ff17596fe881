import { AuditView } from "@/components/admin/audit-view";
import type { QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { listAuditEntityTypes, listAuditEntries, parseAuditFilter } from "@/lib/server/audit-log";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  await requirePageActor(["ADMIN"]);
  const filter = parseAuditFilter(await searchParams);
  const [{ locale, t }, page, entityTypes] = await Promise.all([
    getTranslator(),
    listAuditEntries(filter),
    listAuditEntityTypes(),
  ]);
  return <AuditView filter={filter} page={page} entityTypes={entityTypes} locale={locale} t={t} />;
}
