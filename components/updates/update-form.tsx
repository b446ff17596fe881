"use client";

import { useRouter } from "next/navigation";
import { currentDateWindow, shanghaiDate } from "@/lib/domain/dates";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { addEvidenceLinkAction, saveTaskUpdateAction } from "@/lib/actions/task-updates";
import { TASK_STATUSES, TEXT_LIMITS, type TaskStatus } from "@/lib/domain/task-status";
import { interpolate } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";
import { EVIDENCE_LINK_LIMITS, type EvidenceItem, type UpdateRow } from "@/lib/schemas/task-updates";
import type { EditorState } from "@/lib/server/task-updates";
import { ChoiceField, choicesOf, inputClass, TextAreaField, TextField } from "@/components/ui/form";

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

function fieldsFrom(latest: UpdateRow | null): Fields {
  return {
    status: latest?.status ?? "ON_TRACK",
    progress: latest?.progress ?? 0,
    progressText: latest?.progressText ?? "",
    problems: latest?.problems ?? "",
    nextSteps: latest?.nextSteps ?? "",
    milestoneDates: Object.fromEntries((latest?.milestoneDates ?? []).map((d) => [d.milestoneId, d.completedDate])),
  };
}

type Notice = { tone: "ok" | "error"; text: string; details?: string[] } | null;

export function UpdateForm({ taskId, state, milestones, departmentName, periodLabel, maxUploadMb, m }: Props) {
  const router = useRouter();
  // The one date rule (lib/domain/dates.ts); a completion date cannot lie after today either.
  const dates = { min: currentDateWindow().min, today: shanghaiDate(new Date()) };
  const [fields, setFields] = useState<Fields>(() => fieldsFrom(state.latest));
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

  function save(intent: "draft" | "submit") {
    startTransition(async () => {
      setNotice(null);
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
      const details = Object.keys(error.fieldErrors ?? {})
        .map((key) => (key in m.problems ? m.problems[key as keyof M["problems"]] : null))
        .filter((d): d is string => d !== null);
      setNotice({ tone: "error", text: error.message, details });
    });
  }

  async function upload(event: FormEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setUploading(true);
    setNotice(null);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch(`/api/tasks/${taskId}/evidence`, { method: "POST", body });
      const json = (await response.json()) as EvidenceItem | { error: { message: string } };
      if (!response.ok || "error" in json) {
        setNotice({ tone: "error", text: "error" in json ? json.error.message : response.statusText });
      } else {
        setPending((p) => [...p, json]);
      }
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  function addLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await addEvidenceLinkAction({
        taskId,
        title: String(data.get("title") ?? ""),
        url: String(data.get("url") ?? ""),
      });
      if (result.ok) {
        setPending((p) => [...p, { ...result.data, createdAt: new Date().toISOString() }]);
        form.reset();
      } else {
        setNotice({
          tone: "error",
          text: result.error.message,
          details: Object.values(result.error.fieldErrors ?? {}).flat(),
        });
      }
    });
  }

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
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {interpolate(m.returnedBecause, { comment: state.latest.reviewComment })}
        </p>
      ) : null}
      {locked ? <p className="mt-2 rounded bg-slate-100 p-2 text-sm">{m.awaitingReview}</p> : null}

      {notice ? (
        <div
          role={notice.tone === "error" ? "alert" : "status"}
          className={`mt-3 rounded border p-3 text-sm ${notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}
        >
          <p>{notice.text}</p>
          {notice.details?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
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
            onChange={(e) => set("progress", Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))))}
          />
        </div>
        {(
          [
            ["progressText", m.fields.progressText, TEXT_LIMITS.progressText, 5],
            ["problems", m.fields.problems, TEXT_LIMITS.problems, 3],
            ["nextSteps", m.fields.nextSteps, TEXT_LIMITS.nextSteps, 3],
          ] as const
        ).map(([key, label, max, rows]) => (
          <TextAreaField
            key={key}
            id={key}
            label={label}
            rows={rows}
            maxLength={max}
            value={fields[key]}
            onChange={(e) => set(key, e.target.value)}
          />
        ))}
        {milestones.length ? (
          <fieldset>
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
          </fieldset>
        ) : null}

        <div>
          <h3 className="text-sm font-medium text-slate-700">{m.evidence.title}</h3>
          <p className="text-xs text-slate-500">{interpolate(m.evidence.hint, { size: maxUploadMb })}</p>
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
          <label className="mt-2 inline-block cursor-pointer rounded border border-slate-300 px-3 py-1.5 text-sm hover:border-brand-600">
            {uploading ? m.evidence.uploading : m.evidence.upload}
            <input
              ref={fileInput}
              type="file"
              className="sr-only"
              accept=".pdf,.ofd,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
              onChange={(e) => void upload(e)}
              disabled={uploading || locked}
            />
          </label>
        </div>

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

      {!locked ? (
        <form onSubmit={addLink} className="mt-4 grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_2fr_auto]">
          <label className="text-sm">
            <span className="text-slate-700">{m.evidence.linkTitle}</span>
            <input name="title" required maxLength={EVIDENCE_LINK_LIMITS.title} className={inputClass} />
          </label>
          <label className="text-sm">
            <span className="text-slate-700">{m.evidence.linkUrl}</span>
            <input
              name="url"
              type="url"
              required
              maxLength={EVIDENCE_LINK_LIMITS.url}
              className={inputClass}
              placeholder="https://"
            />
          </label>
          <button
            type="submit"
            disabled={busy}
            className="self-end rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            {m.evidence.addLink}
          </button>
        </form>
      ) : null}
    </section>
  );
}
