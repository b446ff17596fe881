"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { assignTaskAction } from "@/lib/actions/assignments";
import { ASSIGNMENT_LIMITS, ASSIGNMENT_ROLES, type AssignmentRoleKey } from "@/lib/domain/assignments";
import { interpolate } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";
import { UnitPicker, type UnitOption } from "./unit-picker";

type Chosen = Record<AssignmentRoleKey, UnitOption[]>;

/**
 * The reviewer's editor of a task's assignment (issue 15): lead, responsible and cooperating units from the
 * registry, a deadline where the text gives none, the required note and the effective date. The server
 * action authorizes and validates again; its field errors are shown under their fields.
 */
export function AssignmentEditor({
  taskId,
  options,
  current,
  deadline,
  deadlineFromText,
  period,
  today,
  m,
}: {
  taskId: number;
  options: UnitOption[];
  current: Record<AssignmentRoleKey, { id: number }[]>;
  deadline: string | null;
  deadlineFromText: boolean;
  period: { start: string; end: string };
  today: string;
  m: Messages["assignments"];
}) {
  const router = useRouter();
  const byId = new Map(options.map((o) => [o.id, o]));
  const initial = (): Chosen => ({
    lead: current.lead.flatMap((u) => byId.get(u.id) ?? []),
    responsible: current.responsible.flatMap((u) => byId.get(u.id) ?? []),
    cooperating: current.cooperating.flatMap((u) => byId.get(u.id) ?? []),
  });
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Chosen>(initial);
  const [due, setDue] = useState(deadline ?? "");
  const [note, setNote] = useState("");
  const [effectiveDate, setEffectiveDate] = useState(today);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, startTransition] = useTransition();
  const taken = new Set(ASSIGNMENT_ROLES.flatMap((r) => chosen[r].map((u) => u.id)));
  const fieldError = (field: string) => {
    const list = Object.entries(errors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .flatMap(([, texts]) => texts);
    return list.length ? (
      <p id={`assign-${field}-error`} className="mt-1 text-sm text-red-800">
        {list.join(" ")}
      </p>
    ) : null;
  };
  const describedBy = (field: string, help?: string) =>
    [help, errors[field] || Object.keys(errors).some((k) => k.startsWith(`${field}.`)) ? `assign-${field}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;

  if (!open) {
    return (
      <div className="mt-3">
        {message ? (
          <p role="status" className="mb-2 text-sm text-emerald-800">
            {message.text}
          </p>
        ) : null}
        <button
          type="button"
          onClick={() => {
            setChosen(initial());
            setDue(deadline ?? "");
            setErrors({});
            setMessage(null);
            setOpen(true);
          }}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
        >
          {m.edit.open}
        </button>
      </div>
    );
  }

  return (
    <form
      aria-labelledby="assign-title"
      className="mt-4 space-y-4 rounded-md border border-slate-300 bg-slate-50 p-3 sm:p-4"
      onSubmit={(event) => {
        event.preventDefault();
        setMessage(null);
        startTransition(async () => {
          const result = await assignTaskAction({
            taskId,
            lead: chosen.lead.map((u) => u.id),
            responsible: chosen.responsible.map((u) => u.id),
            cooperating: chosen.cooperating.map((u) => u.id),
            ...(deadlineFromText ? {} : { deadline: due === "" ? null : due }),
            note,
            effectiveDate,
          });
          if (result.ok) {
            setErrors({});
            setNote("");
            setOpen(false);
            setMessage({ kind: "ok", text: result.data.changed ? m.edit.saved : m.edit.unchanged });
            router.refresh();
          } else {
            setErrors(result.error.fieldErrors ?? {});
            setMessage({ kind: "error", text: result.error.message });
          }
        });
      }}
    >
      <div>
        <h3 id="assign-title" className="font-semibold">
          {m.edit.title}
        </h3>
        <p className="mt-1 text-sm text-slate-700">{m.edit.intro}</p>
      </div>
      {ASSIGNMENT_ROLES.map((role) => (
        <fieldset key={role} aria-describedby={describedBy(role)}>
          <legend className="text-sm font-medium text-slate-800">{m.roles[role]}</legend>
          <ul className="mt-1 flex flex-wrap gap-1" aria-label={m.roles[role]}>
            {chosen[role].length === 0 ? <li className="text-sm text-slate-600">{m.edit.none}</li> : null}
            {chosen[role].map((unit) => (
              <li
                key={unit.id}
                className="flex items-center gap-1 rounded bg-white px-2 py-0.5 text-sm ring-1 ring-slate-300"
              >
                <span>
                  {unit.name}
                  {unit.generic ? <span className="ml-1 text-xs text-amber-800">（{m.group}）</span> : null}
                </span>
                <button
                  type="button"
                  onClick={() => setChosen((c) => ({ ...c, [role]: c[role].filter((u) => u.id !== unit.id) }))}
                  aria-label={interpolate(m.edit.remove, { name: unit.name })}
                  className="min-h-6 min-w-6 rounded px-1 text-slate-700 hover:bg-slate-100"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-2">
            <UnitPicker
              id={`assign-${role}`}
              label={interpolate(m.edit.add, { role: m.roles[role] })}
              placeholder={m.edit.search}
              noMatch={m.edit.noMatch}
              groupLabel={m.group}
              options={options}
              exclude={taken}
              describedBy={describedBy(role)}
              onChoose={(unit) => setChosen((c) => ({ ...c, [role]: [...c[role], unit] }))}
            />
          </div>
          {fieldError(role)}
        </fieldset>
      ))}
      {chosen.lead.length > 0 && chosen.lead.every((u) => u.generic) ? (
        <p className="text-sm text-amber-900">{m.groupHint}</p>
      ) : null}
      <div>
        <label htmlFor="assign-deadline" className="block text-sm font-medium text-slate-800">
          {m.edit.deadline}
        </label>
        {deadlineFromText ? (
          <p id="assign-deadline" className="mt-1 text-sm text-slate-700">
            {m.deadlineFromText}
          </p>
        ) : (
          <>
            <input
              id="assign-deadline"
              type="date"
              min={period.start}
              max={period.end}
              value={due}
              onChange={(e) => setDue(e.target.value)}
              aria-describedby={describedBy("deadline", "assign-deadline-help")}
              aria-invalid={errors.deadline ? true : undefined}
              className="mt-1 block w-full max-w-xs rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
            />
            <p id="assign-deadline-help" className="mt-1 text-xs text-slate-600">
              {interpolate(m.edit.deadlineHelp, period)}
            </p>
            {fieldError("deadline")}
          </>
        )}
      </div>
      <div>
        <label htmlFor="assign-note" className="block text-sm font-medium text-slate-800">
          {m.edit.note}
        </label>
        <textarea
          id="assign-note"
          rows={2}
          required
          maxLength={ASSIGNMENT_LIMITS.note}
          value={note}
          placeholder={m.edit.notePlaceholder}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={describedBy("note")}
          aria-invalid={errors.note ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        {fieldError("note")}
      </div>
      <div>
        <label htmlFor="assign-effective" className="block text-sm font-medium text-slate-800">
          {m.edit.effectiveDate}
        </label>
        <input
          id="assign-effective"
          type="date"
          required
          min={period.start}
          max={today}
          value={effectiveDate}
          onChange={(e) => setEffectiveDate(e.target.value)}
          aria-describedby={describedBy("effectiveDate", "assign-effective-help")}
          aria-invalid={errors.effectiveDate ? true : undefined}
          className="mt-1 block w-full max-w-xs rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
        />
        <p id="assign-effective-help" className="mt-1 text-xs text-slate-600">
          {interpolate(m.edit.effectiveHelp, { start: period.start })}
        </p>
        {fieldError("effectiveDate")}
      </div>
      {message?.kind === "error" ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {message.text}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={busy}
          aria-busy={busy}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {busy ? m.edit.saving : m.edit.save}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => setOpen(false)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          {m.edit.cancel}
        </button>
      </div>
    </form>
  );
}
