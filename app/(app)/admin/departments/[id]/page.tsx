import Link from "next/link";
import { notFound } from "next/navigation";
import { DepartmentAliases, DepartmentForm } from "@/components/admin/department-forms";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { getDepartmentForAdmin } from "@/lib/server/admin-departments";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AdminDepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor(["ADMIN"]);
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, department] = await Promise.all([getTranslator(), getDepartmentForAdmin(id)]);
  if (!department) notFound();
  const text = getMessages(locale).admin;
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
    </>
  );
}
