"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  generateBulletinAction,
  lockPeriodAction,
  publishBulletinAction,
  reopenPeriodAction,
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

export function PublishButton({ bulletinId, m }: { bulletinId: number; m: M }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={primary}
        disabled={busy}
        onClick={() =>
          startTransition(async () => {
            const result = await publishBulletinAction({ bulletinId });
            if (result.ok) {
              setFeedback({ ok: true, text: m.publish.done });
              // The published version's own address: a fresh render, not the draft's cached one.
              router.replace(`/reports/${result.data.periodCode}?version=${result.data.version}`);
              router.refresh();
            } else setFeedback({ ok: false, text: result.error.message });
          })
        }
      >
        {busy ? <Spinner /> : null}
        {busy ? m.publish.pending : m.publish.submit}
      </button>
      <span className="text-xs text-slate-600">{m.publish.hint}</span>
      <FeedbackLine feedback={feedback} />
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
