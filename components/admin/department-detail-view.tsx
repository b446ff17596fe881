import Link from "next/link";
import { DepartmentAliases, DepartmentForm } from "@/components/admin/department-forms";
import { DepartmentReform } from "@/components/admin/department-reform";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { AdminDepartment, ReformPanel } from "@/lib/schemas/departments";

/** One department for an administrator: its details form, its aliases and institutional reform. */
export function DepartmentDetailView({
  department,
  reform,
  today,
  locale,
  t,
}: {
  department: AdminDepartment;
  reform: ReformPanel;
  today: string;
  locale: Locale;
  t: Translate;
}) {
  const text = getMessages(locale).admin;
  // Only what the forms edit crosses to the client.
  const editable = {
    id: department.id,
    name: department.name,
    shortName: department.shortName,
    kind: department.kind,
    generic: department.generic,
    aliases: department.aliases,
  };
  return (
    <>
      <Link href="/admin/departments" className="text-sm text-brand-700 underline">
        {t("admin.departments.title")}
      </Link>
      <PageHeader
        title={department.name}
        intro={`${t("admin.departments.tasks")}：${department.leadCount} / ${department.responsibleCount} / ${department.cooperatingCount} · ${t("admin.departments.users")}：${department.userCount}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="department-details" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="department-details" className="mb-3 text-lg font-semibold text-slate-900">
            {t("admin.departments.detailsTitle")}
          </h2>
          <DepartmentForm department={editable} text={text} locale={locale} />
        </section>
        <section aria-labelledby="department-aliases" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="department-aliases" className="mb-3 text-lg font-semibold text-slate-900">
            {t("admin.departments.aliasesTitle")}
          </h2>
          <DepartmentAliases department={editable} text={text} locale={locale} />
        </section>
      </div>
      <DepartmentReform departmentId={department.id} panel={reform} today={today} text={text} />
    </>
  );
}
