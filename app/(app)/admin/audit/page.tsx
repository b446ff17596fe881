import Link from "next/link";
import { AuditFilters, AuditList } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { listAuditEntityTypes, listAuditEntries, parseAuditFilter } from "@/lib/server/audit-log";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor(["ADMIN"]);
  const filter = parseAuditFilter(await searchParams);
  const [{ locale, t }, page, entityTypes] = await Promise.all([
    getTranslator(),
    listAuditEntries(filter),
    listAuditEntityTypes(),
  ]);
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-700 underline">
        {t("admin.back")}
      </Link>
      <PageHeader title={t("admin.audit.title")} intro={t("admin.audit.intro")} />
      <AuditFilters filter={filter} entityTypes={entityTypes} t={t} />
      <AuditList page={page} filter={filter} t={t} locale={locale} />
    </>
  );
}
