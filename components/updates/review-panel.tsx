"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { reviewTaskUpdateAction } from "@/lib/actions/task-updates";
import { TEXT_LIMITS } from "@/lib/domain/task-status";
import { interpolate } from "@/lib/i18n/catalogue";
import type { UpdateRow } from "@/lib/schemas/task-updates";
import type { Messages } from "@/messages/zh-CN";

/** Approve or return one submitted report (reviewers and admins; the server checks the role again). */
export function ReviewPanel({ update, m }: { update: UpdateRow; m: Messages["updates"] }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const id = `review-comment-${update.id}`;

  function decide(decision: "approve" | "return") {
    startTransition(async () => {
      setError(null);
      const result = await reviewTaskUpdateAction({
        taskId: update.taskId,
        periodId: update.periodId,
        departmentId: update.departmentId,
        expectedVersion: update.version,
        decision,
        comment,
      });
      if (result.ok) {
        setDone(m.reviewState[result.data.reviewState]);
        router.refresh();
      } else {
        setError(
          [result.error.message, ...Object.values(result.error.fieldErrors ?? {}).flat()].filter(Boolean).join(" "),
        );
      }
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border-2 border-amber-400 bg-amber-50/40 p-4">
      <h2 id={`${id}-title`} className="font-semibold">
        {m.review.title}：{update.departmentName}（{m.kind[update.kind]}，
        {interpolate(m.timeline.version, { version: update.version })}）
      </h2>
      <dl className="mt-2 space-y-1 text-sm">
        <div>
          <dt className="inline font-medium">{m.fields.status}：</dt>
          <dd className="inline">
            {m.status[update.status]} · {update.progress}%
          </dd>
        </div>
        <div>
          <dt className="font-medium">{m.fields.progressText}</dt>
          <dd className="whitespace-pre-wrap">{update.progressText}</dd>
        </div>
        {update.problems ? (
          <div>
            <dt className="font-medium">{m.fields.problems}</dt>
            <dd className="whitespace-pre-wrap">{update.problems}</dd>
          </div>
        ) : null}
        {update.nextSteps ? (
          <div>
            <dt className="font-medium">{m.fields.nextSteps}</dt>
            <dd className="whitespace-pre-wrap">{update.nextSteps}</dd>
          </div>
        ) : null}
      </dl>
      {done ? (
        <p role="status" className="mt-3 text-sm font-medium text-emerald-800">
          {m.review.done}：{done}
        </p>
      ) : (
        <div className="mt-3 space-y-2">
          <label htmlFor={id} className="block text-sm font-medium">
            {m.review.comment}
          </label>
          <textarea
            id={id}
            rows={3}
            maxLength={TEXT_LIMITS.comment}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-describedby={error ? `${id}-error` : undefined}
            className="block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          {error ? (
            <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => decide("approve")}
              className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white disabled:opacity-50"
            >
              {m.review.approve}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => decide("return")}
              className="rounded-md border border-red-700 px-4 py-2 font-medium text-red-800 disabled:opacity-50"
            >
              {m.review.return}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
