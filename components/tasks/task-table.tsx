import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { Translate } from "@/lib/i18n/catalogue";
import type { TaskPage } from "@/lib/server/tasks";

export function TaskTable({ page, t }: { page: TaskPage; t: Translate }) {
  if (page.total === 0) return <EmptyState message={t("common.empty")} />;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {page.items.map((task) => (
          <li key={task.id} className="p-3 md:p-4">
            <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
              <span>{task.document.shortTitle}</span>
              <span>
                {t("tasks.number")} {task.number}
              </span>
            </div>
            <Link href={`/tasks/${task.id}`} className="mt-1 block font-medium text-slate-900 hover:text-brand-700">
              {task.title ?? `${task.text.slice(0, 60)}${task.text.length > 60 ? "…" : ""}`}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {t("tasks.leadUnits")}：{task.leadUnits.length ? task.leadUnits.join("、") : t("tasks.unassigned")}
            </p>
          </li>
        ))}
      </ul>
      <nav
        className="mt-4 flex items-center justify-between text-sm"
        aria-label={t("tasks.pageOf", { page: page.page, pages, total: page.total })}
      >
        {page.page > 1 ? (
          <Link href={`/tasks?page=${page.page - 1}`} className="text-brand-700 underline">
            {t("tasks.previous")}
          </Link>
        ) : (
          <span />
        )}
        <span className="text-slate-600">{t("tasks.pageOf", { page: page.page, pages, total: page.total })}</span>
        {page.page < pages ? (
          <Link href={`/tasks?page=${page.page + 1}`} className="text-brand-700 underline">
            {t("tasks.next")}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
