import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { AuditFilter, AuditPage } from "@/lib/server/audit-log";
import { AuditFilters, AuditList } from "./audit-log";

/** The audit log for an administrator: filters in the URL, then one page of entries. */
export function AuditView({
  filter,
  page,
  entityTypes,
  locale,
  t,
}: {
  filter: AuditFilter;
  page: AuditPage;
  entityTypes: string[];
  locale: Locale;
  t: Translate;
}) {
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
