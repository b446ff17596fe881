"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { approveTaskUpdatesAction, reviewTaskUpdateAction } from "@/lib/actions/task-updates";
import type { DiffPart } from "@/lib/domain/report-review";
import { TEXT_LIMITS } from "@/lib/domain/task-status";
import { formatDate, interpolate, type Locale } from "@/lib/i18n/catalogue";
import type { ReviewItem } from "@/lib/server/task-updates";
import type { Messages } from "@/messages/zh-CN";

export interface DeskItem extends ReviewItem {
  /** What changed in each text against the last approved report (null: nothing to compare with). */
  diff: Record<"progressText" | "problems" | "nextSteps", DiffPart[]> | null;
}

type Notice = { tone: "ok" | "error"; text: string } | null;

const TEXTS = ["progressText", "problems", "nextSteps"] as const;

/**
 * The review queue: each submission against its unit's last approved report, with its evidence, history
 * and comments; select several and approve them after a confirmation naming them, or return one with a
 * required comment. Native controls throughout, so it is usable from the keyboard; the confirmation takes
 * the focus and Escape cancels it.
 */
export function ReviewQueue({
  items,
  empty,
  locale,
  m,
  mu,
  numberLabel,
}: {
  items: DeskItem[];
  /** Shown when nothing (left) awaits review. */
  empty: ReactNode;
  locale: Locale;
  m: Messages["review"];
  mu: Messages["updates"];
  numberLabel: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, startTransition] = useTransition();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const batchButton = useRef<HTMLButtonElement>(null);

  // Items that left the queue (approved, returned, filtered out) leave the selection too.
  const chosen = items.filter((i) => selected.has(i.id));
  const allSelected = items.length > 0 && chosen.length === items.length;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const label = (item: DeskItem) => `${numberLabel} ${item.taskNumber} ${item.departmentName}`;

  function cancel() {
    setConfirming(false);
    batchButton.current?.focus();
  }

  function approve() {
    startTransition(async () => {
      setNotice(null);
      const result = await approveTaskUpdatesAction({
        items: chosen.map((i) => ({
          taskId: i.taskId,
          periodId: i.periodId,
          departmentId: i.departmentId,
          expectedVersion: i.version,
        })),
      });
      setConfirming(false);
      if (result.ok) {
        setNotice({ tone: "ok", text: interpolate(m.approvedBatch, { count: result.data.length }) });
        setSelected(new Set());
      } else {
        setNotice({ tone: "error", text: result.error.message });
      }
      router.refresh();
    });
  }

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3" data-testid="batch-bar">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={allSelected}
            disabled={items.length === 0}
            onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
            className="h-4 w-4"
          />
          {m.selectAll}
        </label>
        <button
          ref={batchButton}
          type="button"
          disabled={chosen.length === 0 || busy}
          onClick={() => setConfirming(true)}
          className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {interpolate(m.batchApprove, { count: chosen.length })}
        </button>
      </div>

      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby="batch-confirm-title"
          aria-describedby="batch-confirm-hint"
          onKeyDown={(e) => {
            if (e.key === "Escape") cancel();
          }}
          className="mb-4 rounded-lg border-2 border-emerald-700 bg-emerald-50 p-4"
        >
          <h3 id="batch-confirm-title" ref={confirmRef} tabIndex={-1} className="font-semibold">
            {interpolate(m.confirmTitle, { count: chosen.length })}
          </h3>
          <ul className="mt-2 list-disc pl-5 text-sm" data-testid="batch-confirm-list">
            {chosen.map((i) => (
              <li key={i.id}>
                {label(i)} · {mu.status[i.status]} {i.progress}% · {i.taskText.slice(0, 40)}
              </li>
            ))}
          </ul>
          <p id="batch-confirm-hint" className="mt-2 text-sm text-slate-700">
            {m.confirmHint}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={approve}
              className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white disabled:opacity-50"
            >
              {busy ? m.approving : m.confirm}
            </button>
            <button
              type="button"
              onClick={cancel}
              className="rounded-md border border-slate-400 px-4 py-2 font-medium text-slate-800"
            >
              {m.cancel}
            </button>
          </div>
        </div>
      ) : null}

      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="desk-notice"
          className={`mb-3 rounded border p-3 text-sm ${notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}
        >
          {notice.text}
        </p>
      ) : null}

      {items.length === 0 ? empty : null}
      <ul
        hidden={items.length === 0}
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        aria-label={m.title}
      >
        {items.map((item) => (
          <ReviewCard
            key={item.id}
            item={item}
            selected={selected.has(item.id)}
            onToggle={() => toggle(item.id)}
            onReturned={(text) => {
              setNotice({ tone: "ok", text });
              router.refresh();
            }}
            locale={locale}
            m={m}
            mu={mu}
            numberLabel={numberLabel}
          />
        ))}
      </ul>
    </div>
  );
}

function ReviewCard({
  item,
  selected,
  onToggle,
  onReturned,
  locale,
  m,
  mu,
  numberLabel,
}: {
  item: DeskItem;
  selected: boolean;
  onToggle: () => void;
  onReturned: (text: string) => void;
  locale: Locale;
  m: Messages["review"];
  mu: Messages["updates"];
  numberLabel: string;
}) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const commentId = `return-comment-${item.id}`;
  const last = item.lastApproved;
  const dateTime = (iso: string) => formatDate(locale, iso, { hour: "2-digit", minute: "2-digit" });

  function sendReturn() {
    startTransition(async () => {
      setError(null);
      const result = await reviewTaskUpdateAction({
        taskId: item.taskId,
        periodId: item.periodId,
        departmentId: item.departmentId,
        expectedVersion: item.version,
        decision: "return",
        comment,
      });
      if (result.ok) {
        setReturning(false);
        onReturned(interpolate(m.returned, { number: item.taskNumber, department: item.departmentName }));
      } else {
        setError([...Object.values(result.error.fieldErrors ?? {}).flat()][0] ?? result.error.message);
      }
    });
  }

  return (
    <li
      className="space-y-3 p-3 text-sm"
      data-testid="review-item"
      data-task-id={item.taskId}
      data-worse={item.worse ? "true" : "false"}
    >
      <div className="flex flex-wrap items-start gap-3">
        <input
          type="checkbox"
          checked={selected}
          onChange={onToggle}
          aria-label={interpolate(m.select, { number: item.taskNumber, department: item.departmentName })}
          className="mt-1 h-4 w-4"
        />
        <div className="min-w-0 flex-1">
          <div className="text-xs text-slate-600">
            {item.documentShortTitle} · {numberLabel} {item.taskNumber} · {item.periodCode}
          </div>
          <div className="font-medium">{item.departmentName}</div>
          <div className="line-clamp-2 text-slate-700">{item.taskText}</div>
          <div className="text-xs text-slate-600">
            {m.submittedAt}：{dateTime(item.createdAt)}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/tasks/${item.taskId}`} className="rounded bg-brand-600 px-3 py-1.5 text-white">
            {m.open}
          </Link>
          <button
            type="button"
            aria-expanded={returning}
            onClick={() => setReturning((r) => !r)}
            className="rounded border border-red-700 px-3 py-1.5 text-red-800"
          >
            {m.returnOne}
          </button>
        </div>
      </div>

      <dl className="grid gap-2 sm:grid-cols-2" data-testid="review-compare">
        <div className="rounded border border-slate-200 p-2">
          <dt className="text-xs text-slate-600">{m.reported}</dt>
          <dd className="font-medium" data-testid="reported">
            {mu.status[item.status]} · {item.progress}%
            {item.worse ? (
              <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                {m.worse}
              </span>
            ) : null}
          </dd>
        </div>
        <div className="rounded border border-slate-200 p-2">
          <dt className="text-xs text-slate-600">
            {last ? interpolate(m.lastApproved, { period: last.periodCode }) : m.noLastApproved}
          </dt>
          <dd data-testid="last-approved">{last ? `${mu.status[last.status]} · ${last.progress}%` : "—"}</dd>
        </div>
      </dl>

      <div data-testid="review-diff">
        <h3 className="text-xs font-medium text-slate-600">{item.diff ? m.changes : m.firstReport}</h3>
        <dl className="mt-1 space-y-1">
          {TEXTS.map((key) => (
            <div key={key}>
              <dt className="font-medium">{mu.fields[key]}</dt>
              <dd className="whitespace-pre-wrap">
                {item.diff ? <DiffText parts={item.diff[key]} m={m} /> : item[key] || "—"}
              </dd>
            </div>
          ))}
        </dl>
      </div>

      <div data-testid="review-evidence">
        <h3 className="text-xs font-medium text-slate-600">
          {interpolate(m.evidence, { count: item.threadEvidence.length })}
        </h3>
        {item.threadEvidence.length ? (
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {item.threadEvidence.map((e) => (
              <li key={e.id}>
                {e.kind === "LINK" && e.url ? (
                  <a href={e.url} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                    {e.title}
                  </a>
                ) : (
                  <a href={`/api/evidence/${e.id}`} className="text-brand-700 underline" download>
                    {e.title}
                  </a>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{m.noEvidence}</p>
        )}
      </div>

      <div className="flex flex-wrap gap-4">
        <details>
          <summary className="cursor-pointer text-brand-700">
            {interpolate(m.history, { count: item.history.length })}
          </summary>
          <ol className="mt-1 space-y-1">
            {item.history.map((h) => (
              <li key={h.id}>
                {interpolate(mu.timeline.version, { version: h.version })} · {mu.timeline.state[h.reviewState]} ·{" "}
                {h.author ?? "—"} · {dateTime(h.createdAt)}
                {h.reviewComment ? <span className="block text-slate-700">{h.reviewComment}</span> : null}
              </li>
            ))}
          </ol>
        </details>
        <details>
          <summary className="cursor-pointer text-brand-700">
            {interpolate(m.comments, { count: item.comments.length })}
          </summary>
          {item.comments.length ? (
            <ul className="mt-1 space-y-1">
              {item.comments.map((c) => (
                <li key={c.id}>
                  <span className="text-slate-600">
                    {c.author ?? "—"} · {dateTime(c.createdAt)}：
                  </span>
                  {c.body}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-slate-600">{m.noComments}</p>
          )}
        </details>
      </div>

      {returning ? (
        <div id={`${commentId}-panel`} className="space-y-2 rounded border border-red-200 bg-red-50/50 p-3">
          <label htmlFor={commentId} className="block font-medium">
            {m.returnComment}
          </label>
          <textarea
            id={commentId}
            rows={3}
            required
            maxLength={TEXT_LIMITS.comment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${commentId}-error` : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
          {error ? (
            <p id={`${commentId}-error`} role="alert" className="text-red-800">
              {error}
            </p>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={sendReturn}
            className="rounded-md border border-red-700 bg-white px-4 py-2 font-medium text-red-800 disabled:opacity-50"
          >
            {m.returnConfirm}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** A text diff: insertions and deletions marked (and named for screen readers), the rest as is. */
function DiffText({ parts, m }: { parts: DiffPart[]; m: Messages["review"] }) {
  if (parts.length === 0) return <>—</>;
  if (parts.every((p) => p.op === "same")) {
    return (
      <>
        {parts.map((p) => p.text).join("")} <span className="text-xs text-slate-600">{m.unchanged}</span>
      </>
    );
  }
  return (
    <>
      {parts.map((p, i) =>
        p.op === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.op === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline" title={m.added}>
            <span className="sr-only">[{m.added}]</span>
            {p.text}
          </ins>
        ) : (
          <del key={i} className="bg-red-100 text-red-900" title={m.removed}>
            <span className="sr-only">[{m.removed}]</span>
            {p.text}
          </del>
        ),
      )}
    </>
  );
}
