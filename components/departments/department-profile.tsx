import Link from "next/link";
import type { ReactNode } from "react";
import { rollUpReason } from "@/components/tasks/task-state-counts";
import { TaskTable } from "@/components/tasks/task-table";
import { EmptyState } from "@/components/ui/empty-state";
import { DEFAULT_STATE, taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { STATE_SEVERITY, type TaskState } from "@/lib/domain/task-state";
import { SUBMISSION_STATES, type DepartmentProfile as Profile, type SubmissionState } from "@/lib/server/departments";
import type { TaskSearchResult } from "@/lib/schemas/tasks";

// Text label always shown; the colour only helps scanning.
const STATE_STYLE: Record<SubmissionState, string> = {
  NONE: "bg-slate-100 text-slate-800",
  DRAFT: "bg-amber-100 text-amber-900",
  SUBMITTED: "bg-blue-100 text-blue-800",
  RETURNED: "bg-red-100 text-red-800",
  APPROVED: "bg-green-100 text-green-800",
};

function StateBadge({ state, t }: { state: SubmissionState; t: Translate }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATE_STYLE[state]}`}>
      {t(`departmentPage.detail.states.${state}`)}
    </span>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TaskGroup({
  id,
  title,
  result,
  view,
  locale,
  t,
}: {
  id: string;
  title: string;
  result: TaskSearchResult;
  view: Partial<TaskListState>;
  locale: Locale;
  t: Translate;
}) {
  const heading = t("departmentPage.detail.groupTitle", {
    title,
    count: t("taskList.count", { total: formatNumber(locale, result.total) }),
  });
  return (
    <Section id={id} title={heading}>
      <TaskTable result={result} locale={locale} t={t} caption={title} />
      {result.total > result.rows.length ? (
        <p className="mt-2 text-sm">
          <Link href={taskListHref(DEFAULT_STATE, view)} className="text-brand-700 underline">
            {t("departmentPage.detail.viewAll", { count: formatNumber(locale, result.total) })}
          </Link>
        </p>
      ) : null}
    </Section>
  );
}

/**
 * The task list showing exactly the tasks a state count counts: the unit's lead tasks in that state
 * (the list's status filter takes every state, in lowercase).
 */
export function stateListHref(departmentId: number, state: TaskState): string {
  return `/tasks?dept=${departmentId}&role=lead&status=${state.toLowerCase()}`;
}

/** The tasks it leads by state today, each count linked to its list, and how they roll up. */
function LeadTaskStates({ profile, locale, t }: { profile: Profile; locale: Locale; t: Translate }) {
  const { counts, rollUp } = profile.states;
  return (
    <Section id="lead-states" title={t("departmentPage.detail.statesTitle")}>
      <p className="mb-2 text-sm text-slate-700" data-testid="lead-roll-up" data-status={rollUp.status}>
        {t("departmentPage.detail.rollUp", {
          status: t(`indicators.statusLabel.${rollUp.status}`),
          reason: rollUpReason(rollUp, locale, t),
        })}
      </p>
      <ul className="flex flex-wrap gap-2 text-sm" data-testid="lead-state-counts">
        {STATE_SEVERITY.map((state) => (
          <li
            key={state}
            data-state={state}
            className="flex items-center gap-1 rounded border border-slate-200 bg-white px-2 py-1"
          >
            <span>{t(`taskList.status.${state}`)}</span>
            {counts[state] === 0 ? (
              <span className="text-slate-400 tabular-nums">{formatNumber(locale, 0)}</span>
            ) : (
              <Link
                href={stateListHref(profile.id, state)}
                className="font-medium text-brand-700 tabular-nums underline-offset-2 hover:underline"
              >
                {formatNumber(locale, counts[state])}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600">{t("departmentPage.detail.statesHelp")}</p>
    </Section>
  );
}

export function DepartmentProfile({
  profile,
  leadTasks,
  sharedTasks,
  locale,
  t,
}: {
  profile: Profile;
  leadTasks: TaskSearchResult;
  sharedTasks: TaskSearchResult;
  locale: Locale;
  t: Translate;
}) {
  const { submissions } = profile;
  const submissionTotal = submissions.tasksInScope;
  const th = "px-3 py-2 text-left font-medium";
  return (
    <article>
      <header className="mb-6">
        <p className="text-sm">
          <Link href="/departments" className="text-brand-700 underline">
            {t("departmentPage.detail.back")}
          </Link>
        </p>
        <h1 className="mt-2 text-xl font-bold text-slate-900 md:text-2xl">{profile.name}</h1>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
          <dt className="text-slate-500">{t("departmentPage.detail.kindLabel")}</dt>
          <dd>{t(`departmentPage.detail.kind.${profile.kind}`)}</dd>
          <dt className="text-slate-500">{t("departmentPage.detail.aliases")}</dt>
          <dd data-testid="department-aliases">
            {profile.aliases.length ? profile.aliases.join("、") : t("departmentPage.detail.noAliases")}
          </dd>
        </dl>
        {profile.generic ? (
          <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            {t("departmentPage.detail.genericNote")}
          </p>
        ) : null}
        {profile.mergedInto ? (
          <p
            role="note"
            data-testid="merged-into"
            className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
          >
            {t("departmentPage.detail.mergedInto", { date: formatDate(locale, profile.mergedInto.on) })}{" "}
            <Link href={`/departments/${profile.mergedInto.id}`} className="font-medium text-brand-700 underline">
              {profile.mergedInto.name}
            </Link>
            {t("departmentPage.detail.mergedIntoAfter")}
          </p>
        ) : null}
        <p className="mt-2 text-sm text-slate-600">
          {t("departmentPage.detail.summary", {
            lead: formatNumber(locale, leadTasks.total),
            shared: formatNumber(locale, sharedTasks.total),
            overdue: formatNumber(locale, profile.overdueTotal),
          })}
        </p>
      </header>

      <LeadTaskStates profile={profile} locale={locale} t={t} />

      <Section id="submissions" title={t("departmentPage.detail.submissions")}>
        <>
          <p className="mb-2 text-sm text-slate-700">
            {t("departmentPage.detail.period", {
              year: submissions.period.year,
              index: submissions.period.index,
              start: formatDate(locale, submissions.period.start),
              end: formatDate(locale, submissions.period.end),
            })}
            {submissions.period.state === "LOCKED" ? ` · ${t("departmentPage.detail.periodLocked")}` : null}
          </p>
          <p className="mb-2 text-sm text-slate-700" data-testid="submission-duty">
            {t("departmentPage.detail.dutyLine", {
              inScope: formatNumber(locale, submissions.tasksInScope),
              submitted: formatNumber(locale, submissions.submitted),
              missing: formatNumber(locale, submissions.missing),
            })}
          </p>
          <ul className="mb-3 flex flex-wrap gap-2 text-sm" data-testid="submission-counts">
            {SUBMISSION_STATES.map((state) => (
              <li
                key={state}
                data-state={state}
                className="flex items-center gap-1 rounded border border-slate-200 bg-white px-2 py-1"
              >
                <StateBadge state={state} t={t} />
                <span className="tabular-nums">{formatNumber(locale, submissions.counts[state])}</span>
              </li>
            ))}
          </ul>
          <p className="mb-2 text-xs text-slate-600">{t("departmentPage.detail.dutyRule")}</p>
          {submissions.tasks.length === 0 ? (
            <EmptyState message={t("departmentPage.detail.noReportTasks")} />
          ) : (
            <details className="rounded-lg border border-slate-200 bg-white">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
                {t("departmentPage.detail.submissionsCaption")}
              </summary>
              <table className="w-full text-sm">
                <caption className="sr-only">{t("departmentPage.detail.submissionsCaption")}</caption>
                <thead className="bg-slate-100 text-slate-700">
                  <tr>
                    <th scope="col" className={th}>
                      {t("departmentPage.detail.task")}
                    </th>
                    <th scope="col" className={th}>
                      {t("departmentPage.detail.state")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {submissions.tasks.map((task) => (
                    <tr key={task.taskId}>
                      <th scope="row" className="px-3 py-2 text-left font-normal">
                        <Link href={`/tasks/${task.taskId}`} className="text-brand-700 hover:underline">
                          {task.documentShortTitle} · {t("taskList.table.number")} {task.number}
                        </Link>
                      </th>
                      <td className="px-3 py-2">
                        <StateBadge state={task.state} t={t} />
                        {task.version !== null ? (
                          <span className="ml-2 text-xs text-slate-500">
                            {t("departmentPage.detail.version", { version: task.version })}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {submissionTotal > submissions.tasks.length ? (
                <p className="px-3 py-2 text-sm text-slate-600">
                  {t("departmentPage.detail.submissionsShown", {
                    shown: formatNumber(locale, submissions.tasks.length),
                    total: formatNumber(locale, submissionTotal),
                  })}
                </p>
              ) : null}
            </details>
          )}
        </>
      </Section>

      <TaskGroup
        id="lead-tasks"
        title={t("departmentPage.detail.leadTasks")}
        result={leadTasks}
        view={{ departmentId: profile.id, role: "lead" }}
        locale={locale}
        t={t}
      />
      <TaskGroup
        id="shared-tasks"
        title={t("departmentPage.detail.sharedTasks")}
        result={sharedTasks}
        view={{ departmentId: profile.id, role: "supporting" }}
        locale={locale}
        t={t}
      />

      <Section id="overdue-milestones" title={t("departmentPage.detail.overdueMilestones")}>
        {profile.overdueMilestones.length === 0 ? (
          <EmptyState message={t("departmentPage.detail.noOverdue")} />
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="overdue-milestones">
              <caption className="sr-only">{t("departmentPage.detail.overdueCaption")}</caption>
              <thead className="bg-slate-100 text-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    {t("departmentPage.detail.dueDate")}
                  </th>
                  <th scope="col" className={th}>
                    {t("departmentPage.detail.task")}
                  </th>
                  <th scope="col" className={`${th} hidden sm:table-cell`}>
                    {t("departmentPage.detail.milestone")}
                  </th>
                  <th scope="col" className={th}>
                    {t("departmentPage.detail.roleLabel")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {profile.overdueMilestones.map((m) => (
                  <tr key={m.id} className="align-top">
                    <td className="px-3 py-2 whitespace-nowrap text-red-800">
                      <time dateTime={m.dueDate}>{formatDate(locale, m.dueDate)}</time>
                    </td>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link href={`/tasks/${m.taskId}`} className="text-brand-700 hover:underline">
                        {m.documentShortTitle} · {t("taskList.table.number")} {m.taskNumber}
                      </Link>
                      <span className="mt-1 block text-xs text-slate-600 sm:hidden">{m.text}</span>
                    </th>
                    <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">{m.text}</td>
                    <td className="px-3 py-2">{t(`departmentPage.detail.role.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {profile.overdueTotal > profile.overdueMilestones.length ? (
              <p className="px-3 py-2 text-sm text-slate-600">
                {t("departmentPage.detail.overdueShown", {
                  shown: formatNumber(locale, profile.overdueMilestones.length),
                  total: formatNumber(locale, profile.overdueTotal),
                })}{" "}
                <Link
                  href={taskListHref(DEFAULT_STATE, { departmentId: profile.id, role: "lead", overdue: true })}
                  className="text-brand-700 underline"
                >
                  {t("departmentPage.detail.overdueViewAll")}
                </Link>
              </p>
            ) : null}
          </div>
        )}
      </Section>

      <Section id="indicators" title={t("departmentPage.detail.indicators")}>
        <p className="mb-2 text-sm text-slate-600">{t("departmentPage.detail.indicatorsIntro")}</p>
        {profile.indicators.length === 0 ? (
          <EmptyState message={t("departmentPage.detail.noIndicators")} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {profile.indicators.map((indicator) => (
              <li key={indicator.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <Link href={`/indicators/${indicator.id}`} className="text-brand-700 hover:underline">
                  {indicator.name}（{indicator.unit}）
                </Link>
                <span className="text-xs text-slate-500">
                  {t("departmentPage.detail.indicatorTasks", { count: formatNumber(locale, indicator.taskCount) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}
