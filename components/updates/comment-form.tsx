"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addCommentAction } from "@/lib/actions/task-updates";
import { TEXT_LIMITS } from "@/lib/domain/task-status";
import type { Messages } from "@/messages/zh-CN";

export function CommentForm({ taskId, m }: { taskId: number; m: Messages["updates"]["comments"] }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await addCommentAction({ taskId, body });
          if (result.ok) {
            setBody("");
            setError(null);
            router.refresh();
          } else {
            setError([result.error.message, ...Object.values(result.error.fieldErrors ?? {}).flat()].join(" "));
          }
        });
      }}
      className="mt-3 space-y-2"
    >
      <label htmlFor={`comment-${taskId}`} className="sr-only">
        {m.placeholder}
      </label>
      <textarea
        id={`comment-${taskId}`}
        rows={2}
        maxLength={TEXT_LIMITS.comment}
        value={body}
        placeholder={m.placeholder}
        onChange={(e) => setBody(e.target.value)}
        className="block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy || !body.trim()}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50"
      >
        {m.add}
      </button>
    </form>
  );
}
