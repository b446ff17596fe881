import { DepartmentListView } from "@/components/admin/department-list-view";
import { getTranslator } from "@/lib/i18n/server";
import { listDepartmentsForAdmin } from "@/lib/server/admin-departments";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AdminDepartmentsPage() {
  await requirePageActor(["ADMIN"]);
  const [{ t }, departments] = await Promise.all([getTranslator(), listDepartmentsForAdmin()]);
  return <DepartmentListView departments={departments} t={t} />;
}
