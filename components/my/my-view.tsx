import Link from "next/link";
import type { ReactNode } from "react";
import { TaskStatusBadge } from "@/components/tasks/task-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import type { OpenDutyTask } from "@/lib/server/report-duty";
import {
  MILESTONE_HORIZON_DAYS,
  type EditorWork,
  type FollowedWork,
  type MyMilestone,
  type MyPeriod,
  type ReviewerWork,
} from "@/lib/server/my-work";

/** A section whose heading carries its count; the count is the whole list (cut lists say so). */
function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} className="mt-6" data-testid={testId}>
      <h2 id={id} className="mb-2 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Cards, one per row: readable at 375 px without sideways scrolling. */
function Cards({ children }: { children: ReactNode }) {
  return <ul className="space-y-2">{children}</ul>;
}

function Card({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={testId}>
      {children}
    </li>
  );
}

function Cut({ shown, total, t, locale }: { shown: number; total: number; t: Translate; locale: Locale }) {
  return total > shown ? (
    <p className="mt-2 text-xs text-slate-600">
      {t("my.listCut", { shown: formatNumber(locale, shown), total: formatNumber(locale, total) })}
    </p>
  ) : null;
}

function TaskLine({
  task,
  t,
}: {
  task: { taskId: number; number: string; heading: string; documentShortTitle: string };
  t: Translate;
}) {
  return (
    <>
      <Link href={`/tasks/${task.taskId}`} className="font-medium break-words text-brand-700 underline">
        {t("tasks.number")} {task.number}　{task.heading}
      </Link>
      <span className="block text-xs text-slate-600">{task.documentShortTitle}</span>
    </>
  );
}

function PeriodLine({ period, locale, t }: { period: MyPeriod; locale: Locale; t: Translate }) {
  return (
    <p className="text-sm text-slate-700" data-testid="my-period">
      {t("my.period", { period: periodLabel(period, locale, t), deadline: formatDate(locale, period.end) })}
      {period.state === "LOCKED" ? (
        <span className="ml-1 font-medium text-amber-900">{t("my.periodLocked")}</span>
      ) : null}
    </p>
  );
}

function DutyList({
  tasks,
  total,
  empty,
  locale,
  t,
  kind,
}: {
  tasks: OpenDutyTask[];
  total: number;
  empty: string;
  locale: Locale;
  t: Translate;
  kind: "returned" | "notFiled" | "drafts";
}) {
  if (total === 0) return <EmptyState message={empty} />;
  return (
    <>
      <Cards>
        {tasks.map((task) => (
          <Card key={task.taskId} testId={`my-${kind}`}>
            <TaskLine task={task} t={t} />
            {kind === "returned" ? (
              <div className="mt-2 rounded border border-red-200 bg-red-50 p-2 text-red-950">
                <span className="font-medium">{t("my.editor.returnedComment")}</span>{" "}
                <span className="break-words" data-testid="my-return-comment">
                  {task.reviewComment ?? t("my.editor.noComment")}
                </span>
                {task.at ? (
                  <span className="mt-1 block text-xs text-red-900">
                    {t("my.editor.returnedAt", { date: formatDate(locale, task.at) })}
                  </span>
                ) : null}
              </div>
            ) : null}
            {kind === "drafts" && task.at ? (
              <span className="mt-1 block text-xs text-slate-600">
                {t("my.editor.draftSavedAt", { date: formatDate(locale, task.at) })}
              </span>
            ) : null}
            <Link
              href={`/tasks/${task.taskId}`}
              className="mt-2 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-brand-700"
              aria-label={`${t("my.editor.open")} ${t("tasks.number")} ${task.number}`}
            >
              {t("my.editor.open")}
            </Link>
          </Card>
        ))}
      </Cards>
      <Cut shown={tasks.length} total={total} t={t} locale={locale} />
    </>
  );
}

function Milestones({
  list,
  empty,
  locale,
  t,
  testId,
}: {
  list: { total: number; items: MyMilestone[] };
  empty: string;
  locale: Locale;
  t: Translate;
  testId: string;
}) {
  if (list.total === 0) return <EmptyState message={empty} />;
  return (
    <>
      <Cards>
        {list.items.map((m) => (
          <Card key={m.id} testId={testId}>
            <span className="font-medium text-slate-900">
              {t("my.editor.due", { date: formatDate(locale, m.dueDate) })}
            </span>
            <p className="mt-1 break-words text-slate-800">{m.text}</p>
            <Link href={`/tasks/${m.taskId}`} className="mt-1 inline-block text-xs text-brand-700 underline">
              {m.documentShortTitle} · {t("tasks.number")} {m.taskNumber}
            </Link>
          </Card>
        ))}
      </Cards>
      <Cut shown={list.items.length} total={list.total} t={t} locale={locale} />
    </>
  );
}

function EditorSections({ work, locale, t }: { work: EditorWork; locale: Locale; t: Translate }) {
  const submitted = work.counts.SUBMITTED + work.counts.APPROVED;
  const n = (value: number) => formatNumber(locale, value);
  return (
    <>
      <section aria-labelledby="my-editor" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="my-editor" className="text-lg font-semibold text-slate-900">
          {t("my.editor.heading", { department: work.departmentName })}
        </h2>
        <PeriodLine period={work.period} locale={locale} t={t} />
        <p className="mt-1 text-sm text-slate-800" data-testid="my-duty-summary">
          {t("my.editor.summary", {
            owed: n(work.owed),
            submitted: n(submitted),
            approved: n(work.counts.APPROVED),
            missing: n(work.owed - submitted),
          })}
        </p>
        <p className="mt-1 text-xs text-slate-600">{t("my.editor.rule")}</p>
        <Link href={`/departments/${work.departmentId}`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("my.departmentLink", { name: work.departmentName })}
        </Link>
      </section>
      <Section
        id="my-returned"
        title={t("my.editor.returned", { count: n(work.counts.RETURNED) })}
        testId="my-returned-section"
      >
        <DutyList
          kind="returned"
          tasks={work.returned}
          total={work.counts.RETURNED}
          empty={t("my.editor.returnedEmpty")}
          locale={locale}
          t={t}
        />
      </Section>
      <Section
        id="my-not-filed"
        title={t("my.editor.notFiled", { count: n(work.counts.NONE) })}
        testId="my-not-filed-section"
      >
        <DutyList
          kind="notFiled"
          tasks={work.notFiled}
          total={work.counts.NONE}
          empty={t("my.editor.notFiledEmpty")}
          locale={locale}
          t={t}
        />
      </Section>
      <Section id="my-drafts" title={t("my.editor.drafts", { count: n(work.counts.DRAFT) })} testId="my-drafts-section">
        <DutyList
          kind="drafts"
          tasks={work.drafts}
          total={work.counts.DRAFT}
          empty={t("my.editor.draftsEmpty")}
          locale={locale}
          t={t}
        />
      </Section>
      <Section
        id="my-overdue"
        title={t("my.editor.overdue", { count: n(work.overdue.total) })}
        testId="my-overdue-section"
      >
        <Milestones list={work.overdue} empty={t("my.editor.overdueEmpty")} locale={locale} t={t} testId="my-overdue" />
      </Section>
      <Section
        id="my-due-soon"
        title={t("my.editor.dueSoon", { days: MILESTONE_HORIZON_DAYS, count: n(work.dueSoon.total) })}
        testId="my-due-soon-section"
      >
        <Milestones
          list={work.dueSoon}
          empty={t("my.editor.dueSoonEmpty", { days: MILESTONE_HORIZON_DAYS })}
          locale={locale}
          t={t}
          testId="my-due-soon"
        />
      </Section>
    </>
  );
}

function ReviewerSections({ work, locale, t }: { work: ReviewerWork; locale: Locale; t: Translate }) {
  const n = (value: number) => formatNumber(locale, value);
  return (
    <>
      <PeriodLine period={work.period} locale={locale} t={t} />
      <Section id="my-queue" title={t("my.reviewer.queue", { count: n(work.queueTotal) })} testId="my-queue-section">
        {work.queueTotal === 0 ? (
          <EmptyState message={t("my.reviewer.queueEmpty")} />
        ) : (
          <div className="space-y-4">
            {work.queue.map((unit) => (
              <div key={unit.departmentId} data-testid="my-queue-unit">
                <h3 className="mb-1 text-sm font-semibold text-slate-900">
                  {/* The review desk filtered to this unit lists exactly these reports (the same queue rule). */}
                  <Link href={`/review?unit=${unit.departmentId}`} className="text-brand-700 underline">
                    {t("my.reviewer.queueUnit", { department: unit.departmentName, count: n(unit.total) })}
                  </Link>
                </h3>
                <Cards>
                  {unit.items.map((item) => (
                    <Card key={item.updateId} testId="my-queue-item">
                      <TaskLine task={{ ...item, number: item.taskNumber }} t={t} />
                      <span className="mt-1 block text-xs text-slate-600">
                        {t("my.reviewer.submittedAt", { date: formatDate(locale, item.submittedAt) })}
                        {item.kind === "CONTRIBUTION" ? ` · ${t("my.reviewer.contribution")}` : null}
                      </span>
                    </Card>
                  ))}
                </Cards>
                <Cut shown={unit.items.length} total={unit.total} t={t} locale={locale} />
              </div>
            ))}
            {work.queueUnits > work.queue.length ? (
              <p className="text-xs text-slate-600">
                {t("my.reviewer.unitsCut", { shown: n(work.queue.length), total: n(work.queueUnits) })}
              </p>
            ) : null}
            <Link href="/review" className="inline-block text-sm text-brand-700 underline">
              {t("my.reviewer.openQueue")}
            </Link>
          </div>
        )}
      </Section>
      <Section
        id="my-missing"
        title={t("my.reviewer.missing", { count: n(work.missingUnits) })}
        testId="my-missing-section"
      >
        {work.missingUnits === 0 ? (
          <EmptyState message={t("my.reviewer.missingEmpty")} />
        ) : (
          <Cards>
            {work.missing.map((row) => (
              <Card key={row.departmentId} testId="my-missing-unit">
                <Link href={`/departments/${row.departmentId}`} className="font-medium text-brand-700 underline">
                  {row.departmentName}
                </Link>
                <span className="block text-xs text-slate-700">
                  {t("my.reviewer.missingRow", { missing: n(row.missing), owed: n(row.tasksInScope) })}
                </span>
              </Card>
            ))}
          </Cards>
        )}
        <Cut shown={work.missing.length} total={work.missingUnits} t={t} locale={locale} />
        {work.missingUnits > 0 ? (
          <Link href="/review" className="mt-2 inline-block text-sm text-brand-700 underline">
            {t("my.reviewer.openQueue")}
          </Link>
        ) : null}
      </Section>
    </>
  );
}

function FollowedSections({ work, locale, t }: { work: FollowedWork; locale: Locale; t: Translate }) {
  const n = (value: number) => formatNumber(locale, value);
  return (
    <>
      <Section
        id="my-followed-indicators"
        title={t("my.follows.indicators", { count: n(work.indicators.length) })}
        testId="my-followed-indicators"
      >
        {work.indicators.length === 0 ? (
          <EmptyState message={t("my.follows.indicatorsEmpty")} />
        ) : (
          <Cards>
            {work.indicators.map((indicator) => (
              <Card key={indicator.id} testId="my-followed-indicator">
                <Link href={`/indicators/${indicator.id}`} className="font-medium break-words text-brand-700 underline">
                  {indicator.name}
                </Link>
                <span className="block text-xs text-slate-700">
                  {indicator.latestValue !== null && indicator.latestAsOf
                    ? t("my.follows.latest", {
                        value: formatNumber(locale, Number(indicator.latestValue)),
                        unit: indicator.unit,
                        date: formatDate(locale, indicator.latestAsOf),
                      })
                    : t("my.follows.noValue")}
                </span>
              </Card>
            ))}
          </Cards>
        )}
      </Section>
      <Section
        id="my-followed-tasks"
        title={t("my.follows.tasks", { count: n(work.tasks.length) })}
        testId="my-followed-tasks"
      >
        {work.tasks.length === 0 ? (
          <EmptyState message={t("my.follows.tasksEmpty")} />
        ) : (
          <Cards>
            {work.tasks.map((task) => (
              <Card key={task.id} testId="my-followed-task">
                <TaskLine task={{ ...task, taskId: task.id }} t={t} />
                <span className="mt-1 inline-block">
                  <TaskStatusBadge status={task.state} t={t} />
                </span>
              </Card>
            ))}
          </Cards>
        )}
      </Section>
    </>
  );
}

/** 我的待办: the role's own work first, then what the user follows. */
export function MyView({
  editor,
  noDepartment,
  reviewer,
  followed,
  locale,
  t,
}: {
  editor: EditorWork | null;
  /** An editor whose account has no department: nothing to report, and who can fix that. */
  noDepartment: boolean;
  reviewer: ReviewerWork | null;
  followed: FollowedWork;
  locale: Locale;
  t: Translate;
}) {
  return (
    <>
      <PageHeader title={t("my.title")} intro={t("my.intro")} />
      {noDepartment ? <EmptyState message={t("my.editor.noDepartment")} /> : null}
      {editor ? <EditorSections work={editor} locale={locale} t={t} /> : null}
      {reviewer ? <ReviewerSections work={reviewer} locale={locale} t={t} /> : null}
      <div className="mt-8 border-t border-slate-200 pt-2">
        <h2 className="sr-only">{t("my.follows.heading")}</h2>
        <FollowedSections work={followed} locale={locale} t={t} />
      </div>
    </>
  );
}
