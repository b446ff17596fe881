import { DepartmentsView } from "@/components/departments/departments-view";
import { shanghaiDate } from "@/lib/domain/periods";
import type { QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentWorkload } from "@/lib/server/departments";
import { departmentSortParam } from "@/lib/search-params";

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  await requirePageActor();
  const sort = departmentSortParam((await searchParams).sort);
  const [{ locale, t }, { units, generic }] = await Promise.all([
    getTranslator(),
    listDepartmentWorkload(sort, shanghaiDate(new Date())),
  ]);
  return <DepartmentsView sort={sort} units={units} generic={generic} locale={locale} t={t} />;
}
