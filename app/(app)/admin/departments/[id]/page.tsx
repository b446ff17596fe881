import { notFound } from "next/navigation";
import { DepartmentDetailView } from "@/components/admin/department-detail-view";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { shanghaiDate } from "@/lib/domain/periods";
import { getDepartmentForAdmin } from "@/lib/server/admin-departments";
import { getReformPanel } from "@/lib/server/department-reform";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AdminDepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor(["ADMIN"]);
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, department, reform] = await Promise.all([
    getTranslator(),
    getDepartmentForAdmin(id),
    getReformPanel(id),
  ]);
  if (!department) notFound();
  return (
    <DepartmentDetailView
      department={department}
      reform={reform}
      today={shanghaiDate(new Date())}
      locale={locale}
      t={t}
    />
  );
}
