"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/server/failures";

export type RevokeTokenAction = (input: unknown) => Promise<ActionResult<{ id: number; state: string }>>;

/** Two steps (撤销 → 确认撤销) instead of a browser confirm dialog: keyboard- and screen-reader-friendly. */
export function RevokeTokenButton({
  tokenId,
  tokenName,
  action,
  text,
}: {
  tokenId: number;
  tokenName: string;
  action: RevokeTokenAction;
  text: {
    revoke: string;
    confirm: string;
    cancel: string;
    question: string;
    revoking: string;
    errors: Record<string, string>;
  };
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await action({ id: tokenId });
    setPending(false);
    if (!result.ok) {
      setError(text.errors[result.error.code] ?? text.errors.generic ?? result.error.message);
      return;
    }
    setConfirming(false);
    router.refresh();
  }

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`${text.revoke}：${tokenName}`}
        className="rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50"
      >
        {text.revoke}
      </button>
    );
  }
  return (
    <div role="group" aria-label={`${text.revoke}：${tokenName}`} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700">{text.question}</span>
      <button
        type="button"
        onClick={() => void revoke()}
        disabled={pending}
        aria-busy={pending}
        className="rounded bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800 disabled:opacity-60"
      >
        {pending ? text.revoking : text.confirm}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded px-3 py-1 text-slate-700 underline">
        {text.cancel}
      </button>
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
