import Link from "next/link";
import { taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DashboardMilestone, DocumentDashboard } from "@/lib/server/document-dashboard";
import { DUE_SOON_DAYS } from "@/lib/server/overview";

/** The earliest overdue and due-soon milestones by name; the counts and the task list have the rest. */
export function MilestoneLists({
  milestones,
  scope,
  today,
  locale,
  t,
}: {
  milestones: DocumentDashboard["milestones"];
  scope: TaskListState;
  today: string;
  locale: Locale;
  t: Translate;
}) {
  const groups = [
    {
      key: "overdue",
      title: t("documentDashboard.milestones.overdue", { count: milestones.overdue }),
      items: milestones.overdueList,
      count: milestones.overdue,
      href: taskListHref(scope, { overdue: true }),
    },
    {
      key: "due-soon",
      title: t("documentDashboard.milestones.dueSoon", { days: DUE_SOON_DAYS, count: milestones.dueSoon }),
      items: milestones.dueSoonList,
      count: milestones.dueSoon,
      href: taskListHref(scope, { dueFrom: today, dueTo: milestones.dueSoonUntil }),
    },
  ];
  return (
    <section
      id="milestones"
      aria-labelledby="milestones-heading"
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="milestones-heading" className="mb-2 font-semibold">
        {t("documentDashboard.milestones.heading")}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {groups.map((group) => (
          <div key={group.key} data-testid={`milestones-${group.key}`}>
            <h3 className="mb-1 text-sm font-medium text-slate-800">{group.title}</h3>
            {group.items.length === 0 ? (
              <p className="text-sm text-slate-600">{t("documentDashboard.milestones.none")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {group.items.map((item) => (
                  <MilestoneItem key={item.id} item={item} locale={locale} t={t} />
                ))}
              </ul>
            )}
            {group.count > group.items.length ? (
              <Link href={group.href} className="mt-1 inline-block text-sm text-brand-700 hover:underline">
                {t("documentDashboard.milestones.more", { count: group.count - group.items.length })}
              </Link>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}

function MilestoneItem({ item, locale, t }: { item: DashboardMilestone; locale: Locale; t: Translate }) {
  return (
    <li className="py-1.5">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-slate-700 tabular-nums">{formatDate(locale, item.dueDate)}</span>
        <Link href={`/tasks/${item.task.id}`} className="text-brand-700 hover:underline">
          {t("documentDashboard.milestones.task", { number: item.task.number })}
        </Link>
      </div>
      <p className="line-clamp-2 text-slate-600">{item.text}</p>
    </li>
  );
}
