"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import {
  generateBulletinAction,
  lockPeriodAction,
  publishBulletinAction,
  reopenPeriodAction,
  setBulletinLayoutAction,
} from "@/lib/actions/bulletins";
import { interpolate } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";

type M = Messages["bulletin"];
type Feedback = { ok: boolean; text: string } | null;

const button =
  "inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium disabled:cursor-wait disabled:opacity-70";
const primary = `${button} bg-brand-600 text-white hover:bg-brand-700`;
const secondary = `${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;

function Spinner() {
  return (
    <span className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />
  );
}

function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <p
      role={feedback.ok ? "status" : "alert"}
      className={`text-sm ${feedback.ok ? "text-emerald-800" : "text-red-800"}`}
    >
      {feedback.text}
    </p>
  );
}

/** Generates (or refreshes) the draft of a period chosen from a list, then opens its preview. */
export function GenerateBulletinForm({
  periods,
  defaultPeriod,
  m,
}: {
  periods: { code: string; label: string }[];
  defaultPeriod: string;
  m: M;
}) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const period = String(new FormData(event.currentTarget).get("period") ?? "");
        startTransition(async () => {
          const result = await generateBulletinAction({ period });
          if (result.ok) {
            setFeedback({ ok: true, text: interpolate(m.generate.done, { version: result.data.version }) });
            router.push(`/reports/${result.data.periodCode}`);
          } else setFeedback({ ok: false, text: result.error.message });
        });
      }}
    >
      <div className="text-sm">
        <label htmlFor="bulletin-period" className="block">
          {m.generate.period}
        </label>
        <select
          id="bulletin-period"
          name="period"
          defaultValue={defaultPeriod}
          className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
        >
          {periods.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={primary} disabled={busy}>
        {busy ? <Spinner /> : null}
        {busy ? m.generate.pending : m.generate.submit}
      </button>
      <FeedbackLine feedback={feedback} />
    </form>
  );
}

/** On a preview: refresh the draft, or start a correction after publication. */
export function RegenerateButton({ period, label, m }: { period: string; label: string; m: M }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={secondary}
        disabled={busy}
        onClick={() =>
          startTransition(async () => {
            const result = await generateBulletinAction({ period });
            if (result.ok) {
              setFeedback({ ok: true, text: interpolate(m.generate.done, { version: result.data.version }) });
              router.replace(`/reports/${period}`);
              router.refresh();
            } else setFeedback({ ok: false, text: result.error.message });
          })
        }
      >
        {busy ? <Spinner /> : null}
        {busy ? m.generate.pending : label}
      </button>
      <FeedbackLine feedback={feedback} />
    </div>
  );
}

/**
 * Publishing cannot be undone, so the button opens a dialog that names the period, the version and the
 * files, and says so; only its confirm button publishes (and the server refuses a request without the
 * confirmation). Afterwards the published version opens with the offer to lock the period.
 */
export function PublishButton({
  bulletinId,
  issueLabel,
  version,
  files,
  m,
}: {
  bulletinId: number;
  issueLabel: string;
  version: number;
  /** The files publication freezes, by name (Word, PDF…). */
  files: string[];
  m: M;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={primary}
        disabled={busy}
        onClick={() => {
          setFeedback(null);
          dialog.current?.showModal();
        }}
      >
        {busy ? <Spinner /> : null}
        {busy ? m.publish.pending : m.publish.submit}
      </button>
      <span className="text-xs text-slate-600">{m.publish.hint}</span>
      <FeedbackLine feedback={feedback} />
      <dialog
        ref={dialog}
        aria-labelledby="publish-title"
        aria-describedby="publish-body publish-irreversible"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-300 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          className="space-y-3 p-4"
          onSubmit={(event) => {
            event.preventDefault();
            dialog.current?.close();
            startTransition(async () => {
              const result = await publishBulletinAction({ bulletinId, confirm: true });
              if (result.ok) {
                setFeedback({ ok: true, text: m.publish.done });
                // The published version's own address, where the lock is offered.
                router.replace(`/reports/${result.data.periodCode}?version=${result.data.version}&published=1`);
                router.refresh();
              } else setFeedback({ ok: false, text: result.error.message });
            });
          }}
        >
          <h2 id="publish-title" className="text-lg font-semibold">
            {m.publish.confirmTitle}
          </h2>
          <p id="publish-body" className="text-sm">
            {interpolate(m.publish.confirmBody, { period: issueLabel, version, files: files.join("、") })}
          </p>
          <p
            id="publish-irreversible"
            className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
          >
            {m.publish.irreversible}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={secondary} onClick={() => dialog.current?.close()} autoFocus>
              {m.publish.cancel}
            </button>
            <button type="submit" className={primary}>
              {m.publish.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/** A draft's layout: official (红头, 文号, 版记) or plain, and its 文号. */
export function BulletinLayoutForm({
  bulletinId,
  official,
  docNumber,
  suggestedDocNumber,
  m,
}: {
  bulletinId: number;
  official: boolean;
  docNumber: string;
  suggestedDocNumber: string;
  m: M;
}) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <form
      aria-label={m.layout.heading}
      className="flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        startTransition(async () => {
          const result = await setBulletinLayoutAction({
            bulletinId,
            official: form.get("official") === "on",
            docNumber: String(form.get("docNumber") ?? ""),
          });
          if (result.ok) {
            setFeedback({ ok: true, text: m.layout.saved });
            router.refresh();
          } else setFeedback({ ok: false, text: result.error.message });
        });
      }}
    >
      <label className="flex items-center gap-2">
        <input type="checkbox" name="official" defaultChecked={official} className="h-4 w-4" />
        {m.layout.official}
      </label>
      <div>
        <label htmlFor="bulletin-doc-number" className="block">
          {m.layout.docNumber}
        </label>
        <input
          id="bulletin-doc-number"
          name="docNumber"
          defaultValue={docNumber}
          placeholder={suggestedDocNumber}
          aria-describedby="bulletin-doc-number-hint"
          className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
        />
        <span id="bulletin-doc-number-hint" className="text-xs text-slate-600">
          {interpolate(m.layout.docNumberHint, { example: suggestedDocNumber })}
        </span>
      </div>
      <button type="submit" className={secondary} disabled={busy}>
        {busy ? <Spinner /> : null}
        {busy ? m.layout.saving : m.layout.save}
      </button>
      <FeedbackLine feedback={feedback} />
    </form>
  );
}

/** After publishing: the period is still open — offer to lock it now. */
export function LockOffer({ period, label, m }: { period: string; label: string; m: M }) {
  const router = useRouter();
  return (
    <div
      role="status"
      data-testid="lock-offer"
      className="flex flex-col gap-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900"
    >
      <p>{interpolate(m.publish.lockOffer, { period: label })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <PeriodLockButton period={period} state="OPEN" label={label} m={m} />
        <button type="button" className={secondary} onClick={() => router.replace(`/reports/${period}`)}>
          {m.publish.lockLater}
        </button>
      </div>
    </div>
  );
}

export function PeriodLockButton({
  period,
  state,
  label,
  m,
}: {
  period: string;
  state: "OPEN" | "LOCKED";
  /** The period's name, for the button's accessible name. */
  label: string;
  m: M;
}) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const text = state === "OPEN" ? m.periods.lock : m.periods.reopen;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={secondary}
        disabled={busy}
        aria-label={`${text} ${label}`}
        onClick={() =>
          startTransition(async () => {
            const action = state === "OPEN" ? lockPeriodAction : reopenPeriodAction;
            const result = await action({ period });
            if (result.ok) {
              setFeedback(null);
              router.refresh();
            } else setFeedback({ ok: false, text: result.error.message });
          })
        }
      >
        {busy ? <Spinner /> : null}
        {busy ? m.periods.pending : text}
      </button>
      <FeedbackLine feedback={feedback} />
    </div>
  );
}
