"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { recordObservationAction } from "@/lib/actions/observations";
import { EARLIEST_DATE } from "@/lib/domain/dates";
import { interpolate, type Locale } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";

type M = Messages["observations"];
const SOURCES = ["STATISTICAL_BULLETIN", "DEPARTMENT_REPORT", "DOCUMENT", "OTHER"] as const;

export function ObservationForm({
  indicatorId,
  unit,
  correctable,
  today,
  m,
}: {
  indicatorId: number;
  unit: string;
  /** Current (not yet corrected) values that a new entry may correct. */
  correctable: { id: number; label: string }[];
  today: string;
  locale: Locale;
  m: M;
}) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const supersedes = String(data.get("supersedesId") ?? "");
    startTransition(async () => {
      const result = await recordObservationAction({
        indicatorId,
        value: Number(String(data.get("value") ?? "").replace(/[,，\s]/g, "")),
        asOf: String(data.get("asOf") ?? ""),
        source: String(data.get("source") ?? ""),
        sourceDetail: String(data.get("sourceDetail") ?? ""),
        note: String(data.get("note") ?? ""),
        supersedesId: supersedes ? Number(supersedes) : null,
      });
      if (result.ok) {
        form.reset();
        setMessage({ ok: true, text: m.saved });
        router.refresh();
      } else {
        // Server messages are bilingual ("中文 · English"): the user's half, under the field's own label.
        const labels: Record<string, string> = { value: interpolate(m.value, { unit }), asOf: m.asOf };
        const details = Object.entries(result.error.fieldErrors ?? {}).map(
          ([k, v]) => `${labels[k] ?? k}：${v.join(" ")}`,
        );
        setMessage({ ok: false, text: [result.error.message, ...details].join(" ") });
      }
    });
  }

  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" aria-label={m.formTitle}>
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`sm:col-span-2 rounded border p-2 text-sm ${message.ok ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50 text-red-900"}`}
        >
          {message.text}
        </p>
      ) : null}
      <div className="text-sm">
        <label htmlFor="obs-value">{interpolate(m.value, { unit })}</label>
        <input id="obs-value" name="value" required inputMode="decimal" className={input} />
      </div>
      <div className="text-sm">
        <label htmlFor="obs-asOf">{m.asOf}</label>
        <input id="obs-asOf" name="asOf" type="date" required min={EARLIEST_DATE} max={today} className={input} />
      </div>
      <div className="text-sm">
        <label htmlFor="obs-source">{m.source}</label>
        <select id="obs-source" name="source" className={input} defaultValue="STATISTICAL_BULLETIN">
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {m.sources[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm">
        <label htmlFor="obs-sourceDetail">{m.sourceDetail}</label>
        <input id="obs-sourceDetail" name="sourceDetail" maxLength={200} className={input} />
      </div>
      <div className="text-sm sm:col-span-2">
        <label htmlFor="obs-note">{m.note}</label>
        <textarea id="obs-note" name="note" rows={2} maxLength={1000} className={input} />
      </div>
      {correctable.length ? (
        <div className="text-sm sm:col-span-2">
          <label htmlFor="obs-supersedesId">{m.corrects}</label>
          <select id="obs-supersedesId" name="supersedesId" className={input} defaultValue="">
            <option value="">{m.correctsNone}</option>
            {correctable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50"
        >
          {busy ? m.saving : m.submit}
        </button>
      </div>
    </form>
  );
}
