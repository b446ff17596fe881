"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { mergeDepartmentAction, reverseReformAction, splitDepartmentAction } from "@/lib/actions/departments";
import type { ReformEntry, ReformPanel, ReverseResult } from "@/lib/schemas/departments";
import type { ErrorBody } from "@/lib/server/errors";
import {
  ChoiceField,
  fieldErrorsOf,
  FormMessage,
  FormResult,
  SubmitButton,
  TextAreaField,
  TextField,
  useActionForm,
} from "@/components/ui/form";
import { fill, type AdminText } from "./text";

type ReformText = AdminText["departments"]["reform"];

/**
 * Institutional reform of one department (admins): merge it into another, move chosen tasks (split),
 * and the record of operations with their inverse. The server checks the role and every rule again.
 */
export function DepartmentReform({
  departmentId,
  panel,
  today,
  text,
}: {
  departmentId: number;
  panel: ReformPanel;
  today: string;
  text: AdminText;
}) {
  const r = text.departments.reform;
  // Kept here: once merged, the page refreshes without the forms, and the outcome must stay readable.
  const [merged, setMerged] = useState<string | null>(null);
  return (
    <section aria-labelledby="department-reform" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="department-reform" className="mb-2 text-lg font-semibold text-slate-900">
        {r.title}
      </h2>
      {merged ? <FormMessage kind="success">{merged}</FormMessage> : null}
      {panel.mergedInto ? (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {fill(r.mergedNotice, { date: panel.mergedInto.on })}{" "}
          <Link href={`/admin/departments/${panel.mergedInto.id}`} className="font-medium text-brand-700 underline">
            {panel.mergedInto.name}
          </Link>
          {r.mergedNoticeAfter}
        </p>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">{r.intro}</p>
          <div className="grid gap-6 lg:grid-cols-2">
            <MergeForm departmentId={departmentId} panel={panel} today={today} text={text} onMerged={setMerged} />
            <SplitForm departmentId={departmentId} panel={panel} today={today} text={text} />
          </div>
        </>
      )}
      <ReformHistory history={panel.history} text={text} />
    </section>
  );
}

function DateAndNote({
  prefix,
  today,
  r,
  errors,
}: {
  prefix: string;
  today: string;
  r: ReformText;
  errors: Record<string, string[]>;
}) {
  return (
    <>
      <TextField
        id={`${prefix}-effectiveDate`}
        name="effectiveDate"
        type="date"
        label={r.effectiveDate}
        hint={r.effectiveHint}
        max={today}
        defaultValue={today}
        errors={errors.effectiveDate}
        required
      />
      <TextAreaField
        id={`${prefix}-note`}
        name="note"
        label={r.note}
        hint={r.noteHint}
        errors={errors.note}
        rows={2}
        maxLength={500}
        required
      />
    </>
  );
}

function MergeForm({
  departmentId,
  panel,
  today,
  text,
  onMerged,
}: {
  departmentId: number;
  panel: ReformPanel;
  today: string;
  text: AdminText;
  onMerged: (message: string) => void;
}) {
  const r = text.departments.reform;
  const { pending, error, errors, onSubmit } = useActionForm(
    (form) => {
      if (!window.confirm(r.mergeConfirm)) return null;
      return mergeDepartmentAction({
        fromId: departmentId,
        toId: String(form.get("toId") ?? ""),
        effectiveDate: String(form.get("effectiveDate") ?? ""),
        note: String(form.get("note") ?? ""),
      });
    },
    {
      onSuccess: (data) =>
        onMerged(fill(r.merged, { tasks: data.movedTasks, users: data.movedUsers, tokens: data.movedTokens })),
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="merge-title">
      <h3 id="merge-title" className="font-semibold text-slate-900">
        {r.mergeTitle}
      </h3>
      <FormResult error={error} saved={false} savedMessage="" />
      <ChoiceField
        id="merge-toId"
        name="toId"
        label={r.target}
        errors={errors.toId}
        emptyOption={r.chooseTarget}
        options={panel.targets.map((d) => ({ value: d.id, label: d.name }))}
        required
      />
      <DateAndNote prefix="merge" today={today} r={r} errors={errors} />
      <p className="text-sm text-slate-600">
        {fill(r.mergeSummary, { tasks: panel.openTasks.length, users: panel.users.length })}
      </p>
      <SubmitButton pending={pending} label={r.merge} pendingLabel={r.merging} />
    </form>
  );
}

function SplitForm({
  departmentId,
  panel,
  today,
  text,
}: {
  departmentId: number;
  panel: ReformPanel;
  today: string;
  text: AdminText;
}) {
  const r = text.departments.reform;
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, errors, onSubmit } = useActionForm(
    (form) =>
      splitDepartmentAction({
        fromId: departmentId,
        toId: String(form.get("toId") ?? "") || null,
        newName: String(form.get("newName") ?? ""),
        taskIds: form.getAll("taskIds").map(String),
        userIds: form.getAll("userIds").map(String),
        effectiveDate: String(form.get("effectiveDate") ?? ""),
        note: String(form.get("note") ?? ""),
      }),
    { onSuccess: (data) => setDone(fill(r.splitDone, { tasks: data.movedTasks, users: data.movedUsers })) },
  );
  // Grouped by document so a whole document's share can be read at a glance.
  const byDocument = new Map<string, ReformPanel["openTasks"]>();
  for (const task of panel.openTasks) byDocument.set(task.document, [...(byDocument.get(task.document) ?? []), task]);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby="split-title">
      <h3 id="split-title" className="font-semibold text-slate-900">
        {r.splitTitle}
      </h3>
      <FormResult error={error} saved={done !== null} savedMessage={done ?? ""} />
      <ChoiceField
        id="split-toId"
        name="toId"
        label={r.target}
        errors={errors.toId}
        emptyOption={r.chooseTarget}
        options={panel.targets.map((d) => ({ value: d.id, label: d.name }))}
      />
      <TextField id="split-newName" name="newName" label={r.newName} hint={r.newNameHint} errors={errors.newName} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">
          {fill(r.tasks, { count: panel.openTasks.length })}
        </legend>
        {errors.taskIds ? (
          <p className="text-sm text-red-700" role="alert">
            {errors.taskIds.join(" ")}
          </p>
        ) : null}
        {panel.openTasks.length === 0 ? <p className="text-sm text-slate-600">{r.noOpenTasks}</p> : null}
        <div className="max-h-72 space-y-3 overflow-y-auto rounded border border-slate-200 p-2">
          {[...byDocument].map(([document, tasks]) => (
            <div key={document}>
              <p className="text-xs font-semibold text-slate-600">{document}</p>
              <ul className="space-y-1">
                {tasks.map((task) => (
                  <li key={task.id}>
                    <label className="flex items-start gap-2 text-sm text-slate-800">
                      <input type="checkbox" name="taskIds" value={task.id} className="mt-1" />
                      <span>
                        {task.number} {task.headline}{" "}
                        <span className="text-xs text-slate-500">（{r.roles[task.role]}）</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </fieldset>
      {panel.users.length > 0 ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">{r.users}</legend>
          {panel.users.map((user) => (
            <label key={user.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="userIds" value={user.id} />
              {user.displayName}（{user.username}）
            </label>
          ))}
        </fieldset>
      ) : null}
      <DateAndNote prefix="split" today={today} r={r} errors={errors} />
      <SubmitButton pending={pending} label={r.split} pendingLabel={r.splitting} />
    </form>
  );
}

function ReformHistory({ history, text }: { history: ReformEntry[]; text: AdminText }) {
  const r = text.departments.reform;
  // Kept here: the refresh after a reversal marks the entry reversed, and the outcome must stay readable.
  const [results, setResults] = useState<Record<number, ReverseResult>>({});
  return (
    <div className="mt-6">
      <h3 className="mb-2 font-semibold text-slate-900">{r.historyTitle}</h3>
      {history.length === 0 ? (
        <p className="text-sm text-slate-600">{r.noHistory}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="reform-history">
          {history.map((entry) => (
            <li key={entry.id} className="space-y-2 px-3 py-2 text-sm">
              <p>
                {fill(r.entry, {
                  kind: r.kinds[entry.kind],
                  from: entry.from.name,
                  to: entry.to ? ` → ${entry.to.name}` : "",
                  date: entry.effectiveDate,
                  actor: entry.actor,
                  tasks: entry.taskCount,
                  users: entry.userCount,
                })}
              </p>
              <p className="text-slate-600">{entry.note}</p>
              {results[entry.id] ? (
                <ReverseOutcome result={results[entry.id]!} r={r} />
              ) : entry.reversedBy ? (
                <p className="text-xs text-slate-500">{r.reversed}</p>
              ) : entry.reversible ? (
                <ReverseForm
                  entry={entry}
                  r={r}
                  onDone={(result) => setResults((all) => ({ ...all, [entry.id]: result }))}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReverseOutcome({ result, r }: { result: ReverseResult; r: ReformText }) {
  return (
    <div className="space-y-1">
      <FormMessage kind="success">
        {fill(r.reverseDone, { tasks: result.restoredTasks, users: result.restoredUsers })}
      </FormMessage>
      {result.skippedTasks.length ? (
        <p className="text-amber-900">
          {fill(r.skippedTasks, { list: result.skippedTasks.map((t) => `${t.document} ${t.number}`).join("、") })}
        </p>
      ) : null}
      {result.skippedUsers.length ? (
        <p className="text-amber-900">
          {fill(r.skippedUsers, { list: result.skippedUsers.map((u) => u.username).join("、") })}
        </p>
      ) : null}
    </div>
  );
}

function ReverseForm({
  entry,
  r,
  onDone,
}: {
  entry: ReformEntry;
  r: ReformText;
  onDone: (result: ReverseResult) => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const noteErrors = fieldErrorsOf(error).note;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "");
    setError(null);
    startTransition(async () => {
      const outcome = await reverseReformAction({ reformId: entry.id, note });
      if (!outcome.ok) {
        setError(outcome.error);
        return;
      }
      onDone(outcome.data);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2">
      {error && !noteErrors ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      <div className="min-w-48 flex-1">
        <TextField id={`reverse-note-${entry.id}`} name="note" label={r.reverseNote} errors={noteErrors} required />
      </div>
      <SubmitButton pending={pending} label={r.reverse} pendingLabel={r.reversing} variant="secondary" />
    </form>
  );
}
