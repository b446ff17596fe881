import Link from "next/link";
import { ASSIGNMENT_ROLES, KEY_OF_ROLE, type AssignmentSnapshot } from "@/lib/domain/assignments";
import { formatDate, getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DepartmentOption, TaskAssignments } from "@/lib/server/assignments";
import { AssignmentEditor } from "./assignment-editor";

function UnitChips({
  units,
  lead,
  groupLabel,
}: {
  units: { id: number; name: string; generic: boolean }[];
  lead: boolean;
  groupLabel: string;
}) {
  return (
    <dd className="mt-1 flex flex-wrap gap-1">
      {units.map((u) => (
        <span key={u.id} className={`rounded px-2 py-0.5 ${lead ? "bg-brand-50 text-brand-900" : "bg-slate-100"}`}>
          {u.name}
          {u.generic ? <span className="ml-1 text-xs text-amber-900">（{groupLabel}）</span> : null}
        </span>
      ))}
    </dd>
  );
}

function snapshotText(s: AssignmentSnapshot, m: ReturnType<typeof getMessages>["assignments"], locale: Locale): string {
  const parts = ASSIGNMENT_ROLES.filter((r) => s[r].length > 0).map(
    (r) => `${m.roles[r]}：${s[r].map((u) => u.name).join("、")}`,
  );
  if (s.deadline) parts.push(m.history.deadline.replace("{date}", formatDate(locale, s.deadline)));
  return parts.length ? parts.join("；") : m.noCurrent;
}

/**
 * The task's units: 原文 (what the document names, linked to its quote) beside 分工 (the current
 * assignment every report and count follows), the assignment history, and — for reviewers and admins —
 * the editor.
 */
export function TaskAssignmentSection({
  data,
  unitsSource,
  options,
  today,
  locale,
  t,
}: {
  data: TaskAssignments;
  unitsSource: { fileName: string; href: string } | null;
  /** The department registry, when the reader may assign (reviewers, admins); null otherwise. */
  options: DepartmentOption[] | null;
  today: string;
  locale: Locale;
  t: Translate;
}) {
  const m = getMessages(locale).assignments;
  const current = data.current;
  const hasCurrent = ASSIGNMENT_ROLES.some((r) => current[r].length > 0);
  return (
    <section aria-labelledby="assignment-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="assignment-title" className="mb-2 font-semibold text-slate-900">
        {m.title}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <div data-testid="units-source">
          <h3 className="text-sm font-semibold text-slate-800">{m.source}</h3>
          <p className="text-xs text-slate-600">{m.sourceHint}</p>
          {data.source.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{m.noSource}</p>
          ) : (
            <dl className="mt-2 space-y-2 text-sm">
              {ASSIGNMENT_ROLES.map((role) => {
                const units = data.source.filter((u) => KEY_OF_ROLE[u.role] === role);
                if (units.length === 0) return null;
                return (
                  <div key={role}>
                    <dt className="font-medium text-slate-700">{m.roles[role]}</dt>
                    <UnitChips units={units} lead={role === "lead"} groupLabel={m.group} />
                  </div>
                );
              })}
            </dl>
          )}
          {unitsSource ? (
            <Link href={unitsSource.href} className="mt-3 inline-block text-xs text-brand-700 underline">
              {t("tasks.detail.unitsFrom", { file: unitsSource.fileName })}
            </Link>
          ) : null}
        </div>
        <div data-testid="units-current">
          <h3 className="text-sm font-semibold text-slate-800">{m.current}</h3>
          <p className="text-xs text-slate-600">{m.currentHint}</p>
          {!hasCurrent ? (
            <p className="mt-2 text-sm font-medium text-amber-900">{m.noCurrent}</p>
          ) : (
            <dl className="mt-2 space-y-2 text-sm">
              {ASSIGNMENT_ROLES.map((role) =>
                current[role].length === 0 ? null : (
                  <div key={role}>
                    <dt className="font-medium text-slate-700">{m.roles[role]}</dt>
                    <UnitChips units={current[role]} lead={role === "lead"} groupLabel={m.group} />
                  </div>
                ),
              )}
            </dl>
          )}
          <p className="mt-2 text-sm text-slate-700">
            <span className="font-medium">{m.deadline}：</span>
            {data.deadlineFromText
              ? m.deadlineFromText
              : current.deadline
                ? m.deadlineAssigned.replace("{date}", formatDate(locale, current.deadline))
                : m.deadlineNone.replace("{date}", formatDate(locale, data.period.end))}
          </p>
          {data.decided ? <p className="mt-1 text-xs text-slate-600">{m.decided}</p> : null}
        </div>
      </div>
      {options ? (
        <AssignmentEditor
          taskId={data.taskId}
          options={options}
          current={current}
          deadline={current.deadline}
          deadlineFromText={data.deadlineFromText}
          period={data.period}
          today={today < data.period.start ? data.period.start : today}
          m={m}
        />
      ) : null}
      <div className="mt-4 border-t border-slate-100 pt-3">
        <h3 className="text-sm font-semibold text-slate-800">{m.history.title}</h3>
        {data.history.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{m.history.empty}</p>
        ) : (
          <ol className="mt-2 space-y-3 text-sm" data-testid="assignment-history">
            {data.history.map((h) => (
              <li key={h.id} className="rounded border border-slate-200 p-2">
                <p className="flex flex-wrap items-center gap-x-2 text-slate-700">
                  <span className="font-medium text-slate-900">
                    {m.history.by
                      .replace("{name}", h.actor.displayName)
                      .replace("{when}", formatDate(locale, h.recordedAt, { hour: "2-digit", minute: "2-digit" }))}
                  </span>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{m.history.channel[h.channel]}</span>
                  <span>{m.history.effective.replace("{date}", formatDate(locale, h.effectiveDate))}</span>
                  {h.isSample ? (
                    <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t("sample.tag")}</span>
                  ) : null}
                </p>
                <p className="mt-1 whitespace-pre-wrap text-slate-800">{h.note}</p>
                <dl className="mt-1 grid gap-1 text-slate-700 sm:grid-cols-[auto_1fr] sm:gap-x-2">
                  <dt className="text-slate-600">{m.history.before}</dt>
                  <dd>{snapshotText(h.before, m, locale)}</dd>
                  <dt className="text-slate-600">{m.history.after}</dt>
                  <dd>{snapshotText(h.after, m, locale)}</dd>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
