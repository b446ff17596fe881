import Link from "next/link";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { TaskDetail as Task } from "@/lib/server/tasks";
import { stateReason, TaskStatusBadge } from "./task-table";

const ROLES = [
  ["LEAD", "tasks.detail.lead"],
  ["RESPONSIBLE", "tasks.detail.responsible"],
  ["COOPERATING", "tasks.detail.cooperating"],
] as const;

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function TaskDetail({
  task,
  locale,
  t,
  assignment,
  children,
}: {
  task: Task;
  locale: Locale;
  t: Translate;
  /** The units as 原文 beside 分工 with the assignment history (issue 15); replaces the plain unit list. */
  assignment?: React.ReactNode;
  /** The update cycle's sections (form, review, history), placed after the task's own facts. */
  children?: React.ReactNode;
}) {
  return (
    <article className="space-y-4">
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Link href={`/documents/${task.document.slug}`} className="text-brand-700 underline">
            {task.document.shortTitle}
          </Link>
          {task.section ? <span>· {task.section.title}</span> : null}
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`tasks.detail.kind.${task.kind}`)}</span>
        </div>
        <h1 className="mt-1 text-xl font-bold md:text-2xl">
          {t("tasks.number")} {task.number}
          {task.title ? `　${task.title}` : ""}
        </h1>
        <p className="mt-2 text-sm">
          <span data-testid="task-status">
            <TaskStatusBadge status={task.state} t={t} />
          </span>
          {stateReason({ ...task, status: task.state }, locale, t) ? (
            <span className="ml-2 text-slate-700" data-testid="task-state-reason">
              {stateReason({ ...task, status: task.state }, locale, t)}
            </span>
          ) : null}
          <span className="ml-2 text-slate-600">{task.currentProgress}%</span>
        </p>
        {task.retired ? (
          <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            {t("tasks.detail.retired")}
          </p>
        ) : null}
      </header>

      <Card title={t("tasks.detail.text")}>
        <p className="leading-7 whitespace-pre-wrap">{task.text}</p>
        <Link href={task.sourceHref} className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
          {t("tasks.detail.source")} · {t("tasks.detail.sourceLink")}
        </Link>
      </Card>

      {assignment ?? (
        <Card title={t("tasks.detail.units")}>
          {task.units.length === 0 ? (
            <p className="text-sm text-slate-600">{t("tasks.detail.noUnits")}</p>
          ) : (
            <dl className="space-y-2 text-sm">
              {ROLES.map(([role, key]) => {
                const units = task.units.filter((u) => u.role === role);
                if (units.length === 0) return null;
                return (
                  <div key={role}>
                    <dt className="font-medium text-slate-700">{t(key)}</dt>
                    <dd className="mt-1 flex flex-wrap gap-1">
                      {units.map((u) => (
                        <span
                          key={u.departmentId}
                          className={`rounded px-2 py-0.5 ${role === "LEAD" ? "bg-brand-50 text-brand-900" : "bg-slate-100"}`}
                        >
                          {u.name}
                        </span>
                      ))}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
          {task.unitsSource ? (
            <Link href={task.unitsSource.href} className="mt-3 inline-block text-xs text-brand-700 underline">
              {t("tasks.detail.unitsFrom", { file: task.unitsSource.fileName })}
            </Link>
          ) : null}
        </Card>
      )}

      <Card title={t("tasks.detail.milestones")}>
        {task.milestones.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tasks.detail.noMilestones")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {task.milestones.map((m) => (
              <li key={m.id} className="py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium tabular-nums">{formatDate(locale, m.dueDate)}</span>
                  {m.completedDate ? (
                    <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">
                      {t("tasks.detail.completed", { date: formatDate(locale, m.completedDate) })}
                    </span>
                  ) : m.overdue ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
                      {t("tasks.detail.overdue")}
                    </span>
                  ) : (
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t("tasks.detail.open")}</span>
                  )}
                  {m.sourceHref ? (
                    <Link href={m.sourceHref} className="text-xs text-brand-700 underline">
                      {t("tasks.detail.source")}
                    </Link>
                  ) : null}
                </div>
                <p className="mt-1 text-slate-700">{m.text}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("tasks.detail.indicators")}>
        {task.indicators.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tasks.detail.noIndicators")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {task.indicators.map((i) => (
              <li key={i.id}>
                <Link
                  href={`/indicators/${i.id}`}
                  className="rounded border border-slate-300 px-2 py-1 hover:border-brand-600"
                >
                  {i.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {children}
    </article>
  );
}
