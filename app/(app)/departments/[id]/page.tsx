import { notFound } from "next/navigation";
import { DepartmentProfile } from "@/components/departments/department-profile";
import { shanghaiDate } from "@/lib/domain/periods";
import { DEFAULT_STATE } from "@/lib/domain/task-filters";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDepartmentProfile } from "@/lib/server/departments";
import { searchTasks } from "@/lib/server/task-search";
import { idParam } from "@/lib/search-params";

// The page shows the first tasks of each group; the task list (linked) has the rest, with pagination.
const TASKS_SHOWN = 20;

export default async function DepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageActor();
  const id = idParam((await params).id);
  if (id === null) notFound();
  const today = shanghaiDate(new Date());
  const view = { ...DEFAULT_STATE, departmentId: id, pageSize: TASKS_SHOWN } as const;
  const [{ locale, t }, profile, leadTasks, sharedTasks] = await Promise.all([
    getTranslator(),
    getDepartmentProfile(id, today),
    searchTasks({ ...view, role: "lead" }, today),
    searchTasks({ ...view, role: "supporting" }, today),
  ]);
  if (!profile) notFound();
  return <DepartmentProfile profile={profile} leadTasks={leadTasks} sharedTasks={sharedTasks} locale={locale} t={t} />;
}
