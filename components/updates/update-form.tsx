"use client";

import { useRouter } from "next/navigation";
import { currentDateWindow, shanghaiDate } from "@/lib/domain/dates";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { addEvidenceLinkAction, saveTaskUpdateAction } from "@/lib/actions/task-updates";
import { regression, reportPrefill } from "@/lib/domain/report-review";
import { TASK_STATUSES, TEXT_LIMITS, type TaskStatus } from "@/lib/domain/task-status";
import { interpolate } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";
import { EVIDENCE_LINK_LIMITS, type EvidenceItem, type UpdateRow } from "@/lib/schemas/task-updates";
import type { EditorState } from "@/lib/server/task-updates";
import { ChoiceField, choicesOf, Field, inputClass, TextAreaField, TextField } from "@/components/ui/form";

type M = Messages["updates"];

export interface FormMilestone {
  id: number;
  dueDate: string;
  text: string;
  completedDate: string | null;
}

interface Props {
  taskId: number;
  state: EditorState;
  milestones: FormMilestone[];
  departmentName: string;
  periodLabel: string;
  maxUploadMb: number;
  m: M;
}

interface Fields {
  status: TaskStatus;
  progress: number;
  progressText: string;
  problems: string;
  nextSteps: string;
  milestoneDates: Record<number, string>;
}

/** Where the form starts (lib/domain/report-review.ts `reportPrefill`). */
function fieldsFrom(state: EditorState): Fields {
  const start = reportPrefill(state.latest, state.lastApproved, state.taskCurrent);
  return {
    status: start.status,
    progress: start.progress,
    progressText: start.progressText,
    problems: start.problems,
    nextSteps: start.nextSteps,
    milestoneDates: Object.fromEntries(start.milestoneDates.map((d) => [d.milestoneId, d.completedDate])),
  };
}

/** Field errors shown next to their field: the submission rules' problems, mapped to where they are fixed. */
type FieldKey = "status" | "progress" | "progressText" | "milestones" | "evidence" | "upload" | "link";

const PROBLEM_FIELD: Record<string, FieldKey> = {
  COMPLETED_NEEDS_EVIDENCE: "evidence",
  COMPLETED_NEEDS_FULL_PROGRESS: "progress",
  SUBMIT_NEEDS_PROGRESS_TEXT: "progressText",
  milestoneDates: "milestones",
  evidenceIds: "evidence",
  status: "status",
  progress: "progress",
  progressText: "progressText",
};

type Notice = { tone: "ok" | "error"; text: string } | null;

export function UpdateForm({ taskId, state, milestones, departmentName, periodLabel, maxUploadMb, m }: Props) {
  const router = useRouter();
  // The one date rule (lib/domain/dates.ts); a completion date cannot lie after today either.
  const dates = { min: currentDateWindow().min, today: shanghaiDate(new Date()) };
  const [fields, setFields] = useState<Fields>(() => fieldsFrom(state));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldKey, string[]>>>({});
  const [link, setLink] = useState({ title: "", url: "" });
  const [version, setVersion] = useState(state.latest?.version ?? 0);
  const [reviewState, setReviewState] = useState(state.latest?.reviewState ?? null);
  const [pending, setPending] = useState<EvidenceItem[]>(state.pendingEvidence);
  const [notice, setNotice] = useState<Notice>(null);
  const [newer, setNewer] = useState<UpdateRow | null>(null);
  const [busy, startTransition] = useTransition();
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const locked = reviewState === "SUBMITTED";

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const last = state.lastApproved;
  const backwards = regression(last, fields);
  const prefilled = state.latest ? null : last ? "lastApproved" : state.taskCurrent ? "task" : null;
  const errorsOf = (key: FieldKey) => fieldErrors[key];

  function save(intent: "draft" | "submit") {
    startTransition(async () => {
      setNotice(null);
      setFieldErrors({});
      const result = await saveTaskUpdateAction({
        taskId,
        intent,
        expectedVersion: version,
        status: fields.status,
        progress: fields.progress,
        progressText: fields.progressText,
        problems: fields.problems,
        nextSteps: fields.nextSteps,
        milestoneDates: Object.entries(fields.milestoneDates)
          .filter(([, date]) => date)
          .map(([id, date]) => ({ milestoneId: Number(id), completedDate: date })),
        evidenceIds: pending.map((e) => e.id),
      });
      if (result.ok) {
        setVersion(result.data.version);
        setReviewState(result.data.reviewState);
        setPending([]);
        setNewer(null);
        setNotice({
          tone: "ok",
          text: interpolate(intent === "submit" ? m.submitted : m.saved, { version: result.data.version }),
        });
        router.refresh();
        return;
      }
      const { error } = result;
      if (error.code === "CONFLICT" && error.current === null) {
        // The reporting period changed while the form was open: this period's report starts afresh.
        setVersion(0);
        setReviewState(null);
        setNotice({ tone: "error", text: m.periodChanged });
        router.refresh();
        return;
      }
      if (error.code === "CONFLICT" && error.current && typeof error.current === "object") {
        // Keep the user's text; start the next save from the newer version they can now see.
        const current = error.current as UpdateRow;
        setNewer(current);
        setVersion(current.version);
        setReviewState(current.reviewState);
        setNotice({ tone: "error", text: interpolate(m.conflict, { version: current.version }) });
        return;
      }
      // Each problem next to the field that fixes it, in the catalogue's words.
      const next: Partial<Record<FieldKey, string[]>> = {};
      for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
        const field = PROBLEM_FIELD[key];
        if (!field) continue;
        const text = key in m.problems ? [m.problems[key as keyof M["problems"]]] : messages;
        next[field] = [...(next[field] ?? []), ...text];
      }
      setFieldErrors(next);
      setNotice({ tone: "error", text: error.message });
    });
  }

  async function upload(event: FormEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setUploading(true);
    setFieldErrors((f) => ({ ...f, upload: undefined }));
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch(`/api/tasks/${taskId}/evidence`, { method: "POST", body });
      const json = (await response.json().catch(() => ({ error: { message: response.statusText } }))) as
        EvidenceItem | { error: { message: string } };
      if (!response.ok || "error" in json) {
        const reason = "error" in json ? json.error.message : response.statusText;
        setFieldErrors((f) => ({ ...f, upload: [interpolate(m.uploadFailed, { reason })] }));
      } else {
        setPending((p) => [...p, json]);
        setFieldErrors((f) => ({ ...f, evidence: undefined }));
      }
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  function addLink() {
    startTransition(async () => {
      setFieldErrors((f) => ({ ...f, link: undefined }));
      const result = await addEvidenceLinkAction({ taskId, title: link.title, url: link.url });
      if (result.ok) {
        setPending((p) => [...p, { ...result.data, createdAt: new Date().toISOString() }]);
        setLink({ title: "", url: "" });
        setFieldErrors((f) => ({ ...f, evidence: undefined }));
      } else {
        const details = Object.values(result.error.fieldErrors ?? {}).flat();
        setFieldErrors((f) => ({ ...f, link: details.length ? details : [result.error.message] }));
      }
    });
  }

  const lastPeriodLabel = last ? last.periodCode : "";
  const texts = [
    ["progressText", m.fields.progressText, TEXT_LIMITS.progressText, 5],
    ["problems", m.fields.problems, TEXT_LIMITS.problems, 3],
    ["nextSteps", m.fields.nextSteps, TEXT_LIMITS.nextSteps, 3],
  ] as const;
  const errorText = (key: FieldKey) =>
    errorsOf(key)?.length ? (
      <p id={`update-${key}-error`} className="mt-1 text-sm text-red-700">
        {errorsOf(key)!.join(" ")}
      </p>
    ) : null;

  return (
    <section aria-labelledby="update-form-title" className="rounded-lg border-2 border-brand-600/40 bg-white p-4">
      <h2 id="update-form-title" className="font-semibold text-slate-900">
        {interpolate(m.formTitle, { period: periodLabel })}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {interpolate(m.formIntro, {
          department: departmentName,
          role: state.kind === "LEAD_REPORT" ? m.roleLead : m.roleContributor,
        })}
      </p>
      <p className="mt-2 text-sm" data-testid="report-state">
        {reviewState ? interpolate(m.currentState, { state: m.reviewState[reviewState], version }) : m.noReportYet}
      </p>
      {state.latest?.reviewState === "RETURNED" && state.latest.reviewComment ? (
        <p
          className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
          data-testid="return-comment"
        >
          {interpolate(m.returnedBecause, { comment: state.latest.reviewComment })}
        </p>
      ) : null}
      {locked ? <p className="mt-2 rounded bg-slate-100 p-2 text-sm">{m.awaitingReview}</p> : null}
      {prefilled && !locked ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="prefilled">
          {prefilled === "lastApproved"
            ? interpolate(m.prefilled.lastApproved, { period: lastPeriodLabel })
            : m.prefilled.task}
        </p>
      ) : null}

      {notice ? (
        <div
          role={notice.tone === "error" ? "alert" : "status"}
          className={`mt-3 rounded border p-3 text-sm ${notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}
        >
          <p>{notice.text}</p>
        </div>
      ) : null}
      {newer ? (
        <details className="mt-2 rounded border border-slate-300 p-2 text-sm" open>
          <summary>{interpolate(m.timeline.version, { version: newer.version })}</summary>
          <p className="mt-1 whitespace-pre-wrap">{newer.progressText}</p>
        </details>
      ) : null}

      <fieldset disabled={locked || busy} className="mt-4 space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <ChoiceField
            id="status"
            label={m.fields.status}
            value={fields.status}
            errors={errorsOf("status")}
            onChange={(e) => set("status", e.target.value as TaskStatus)}
            options={choicesOf(TASK_STATUSES, (s) => m.status[s])}
          />
          <TextField
            id="progress"
            label={m.fields.progress}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            value={fields.progress}
            errors={errorsOf("progress")}
            onChange={(e) => set("progress", Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))))}
          />
        </div>
        {backwards && last ? (
          <div
            aria-live="polite"
            data-testid="regression-warning"
            className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
          >
            <p className="font-medium">{m.regression.title}</p>
            {backwards.status ? (
              <p>
                {interpolate(m.regression.status, { before: m.status[last.status], after: m.status[fields.status] })}
              </p>
            ) : null}
            {backwards.progress ? (
              <p>{interpolate(m.regression.progress, { before: last.progress, after: fields.progress })}</p>
            ) : null}
            <p className="mt-1 text-amber-900">{m.regression.note}</p>
          </div>
        ) : null}

        {last ? (
          // On a phone, last period's report sits above the fields, folded; on a wide screen beside each field.
          <details
            className="rounded border border-slate-200 bg-slate-50 p-2 text-sm lg:hidden"
            data-testid="last-report-phone"
          >
            <summary className="cursor-pointer font-medium text-slate-700">
              {interpolate(m.lastReport.show, { period: lastPeriodLabel })}
            </summary>
            <p className="mt-1">
              {interpolate(m.lastReport.statusLine, { status: m.status[last.status], progress: last.progress })}
            </p>
            <dl className="mt-1 space-y-1">
              {texts.map(([key, label]) => (
                <div key={key}>
                  <dt className="font-medium text-slate-700">{label}</dt>
                  <dd className="whitespace-pre-wrap text-slate-700">{last[key] || m.lastReport.empty}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}

        {texts.map(([key, label, max, rows]) => (
          <div key={key} className={last ? "grid gap-3 lg:grid-cols-2" : undefined}>
            <TextAreaField
              id={key}
              label={label}
              rows={rows}
              maxLength={max}
              value={fields[key]}
              errors={key === "progressText" ? errorsOf("progressText") : undefined}
              onChange={(e) => set(key, e.target.value)}
            />
            {last ? (
              <div
                className="hidden rounded border border-slate-200 bg-slate-50 p-2 text-sm text-slate-700 lg:block"
                data-testid={`last-${key}`}
              >
                <p className="text-xs font-medium text-slate-600">
                  {m.lastReport.beside}
                  {interpolate(m.lastReport.title, { period: lastPeriodLabel })}
                  {key === "progressText"
                    ? ` · ${interpolate(m.lastReport.statusLine, { status: m.status[last.status], progress: last.progress })}`
                    : ""}
                </p>
                <p className="mt-1 whitespace-pre-wrap">{last[key] || m.lastReport.empty}</p>
              </div>
            ) : null}
          </div>
        ))}
        {milestones.length ? (
          <fieldset aria-describedby={errorsOf("milestones") ? "update-milestones-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">{m.fields.milestones}</legend>
            <ul className="mt-1 space-y-2 text-sm">
              {milestones.map((ms) => (
                <li key={ms.id} className="rounded border border-slate-200 p-2">
                  <p className="text-slate-700">{ms.text}</p>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <span className="text-xs text-slate-500 tabular-nums">
                      {m.fields.milestoneDate}（{ms.dueDate}）
                    </span>
                    <input
                      type="date"
                      min={dates.min}
                      max={dates.today}
                      value={fields.milestoneDates[ms.id] ?? ms.completedDate ?? ""}
                      onChange={(e) => set("milestoneDates", { ...fields.milestoneDates, [ms.id]: e.target.value })}
                      className="rounded border border-slate-300 px-2 py-1"
                      aria-label={`${m.fields.milestoneDate} ${ms.dueDate}`}
                    />
                  </div>
                </li>
              ))}
            </ul>
            {errorText("milestones")}
          </fieldset>
        ) : null}

        <fieldset
          className="rounded border border-slate-200 p-3"
          aria-describedby={errorsOf("evidence") ? "update-evidence-error" : "update-evidence-hint"}
          data-testid="evidence-block"
        >
          <legend className="px-1 text-sm font-medium text-slate-700">{m.evidence.title}</legend>
          <p id="update-evidence-hint" className="text-xs text-slate-500">
            {interpolate(m.evidence.hint, { size: maxUploadMb })}
          </p>
          <ul className="mt-2 space-y-1 text-sm" aria-label={m.evidence.title}>
            {[
              ...state.threadEvidence.map((e) => ({ e, pending: false })),
              ...pending.map((e) => ({ e, pending: true })),
            ].map(({ e, pending: isPending }) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                {e.kind === "LINK" && e.url ? (
                  <a href={e.url} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                    {e.title}
                  </a>
                ) : (
                  <a href={`/api/evidence/${e.id}`} className="text-brand-700 underline">
                    {e.title}
                  </a>
                )}
                <span className="text-xs text-slate-500">
                  （{isPending ? m.evidence.pending : m.evidence.attached}）
                </span>
              </li>
            ))}
            {state.threadEvidence.length + pending.length === 0 ? (
              <li className="text-slate-500">{m.evidence.none}</li>
            ) : null}
          </ul>
          {errorText("evidence")}
          <div className="mt-2">
            <label className="inline-block cursor-pointer rounded border border-slate-300 px-3 py-1.5 text-sm focus-within:ring-2 focus-within:ring-brand-600 hover:border-brand-600">
              {uploading ? m.evidence.uploading : m.evidence.upload}
              <input
                ref={fileInput}
                type="file"
                className="sr-only"
                accept=".pdf,.ofd,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                onChange={(e) => void upload(e)}
                disabled={uploading || locked}
                aria-describedby={errorsOf("upload") ? "update-upload-error" : undefined}
              />
            </label>
            {errorText("upload")}
          </div>
          {!locked ? (
            <div className="mt-3 grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_2fr_auto]">
              <p className="text-xs text-slate-500 sm:col-span-3">{m.evidenceLinks}</p>
              <Field id="evidence-link-title" label={m.evidence.linkTitle}>
                {(a11y) => (
                  <input
                    {...a11y}
                    value={link.title}
                    onChange={(e) => setLink((l) => ({ ...l, title: e.target.value }))}
                    maxLength={EVIDENCE_LINK_LIMITS.title}
                    className={inputClass}
                  />
                )}
              </Field>
              <Field id="evidence-link-url" label={m.evidence.linkUrl}>
                {(a11y) => (
                  <input
                    {...a11y}
                    type="url"
                    value={link.url}
                    onChange={(e) => setLink((l) => ({ ...l, url: e.target.value }))}
                    maxLength={EVIDENCE_LINK_LIMITS.url}
                    className={inputClass}
                    placeholder="https://"
                  />
                )}
              </Field>
              <button
                type="button"
                onClick={addLink}
                className="self-end rounded-md border border-slate-300 px-3 py-2 text-sm"
              >
                {m.evidence.addLink}
              </button>
              <div className="sm:col-span-3">{errorText("link")}</div>
            </div>
          ) : null}
        </fieldset>

        <div className="flex flex-wrap gap-2">
          {(
            [
              ["draft", m.saveDraft, "border border-brand-600 text-brand-700"],
              ["submit", m.submit, "bg-brand-600 text-white hover:bg-brand-700"],
            ] as const
          ).map(([intent, label, look]) => (
            <button
              key={intent}
              type="button"
              onClick={() => save(intent)}
              className={`rounded-md px-4 py-2 font-medium disabled:opacity-50 ${look}`}
            >
              {busy ? m.saving : label}
            </button>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
