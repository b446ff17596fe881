"use client";

import { useFormStatus } from "react-dom";

/** The 关注 button: pressed while following; says so while the form is being saved. */
export function FollowSubmit({
  following,
  text,
}: {
  following: boolean;
  text: { follow: string; unfollow: string; pending: string };
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-pressed={following}
      disabled={pending}
      className={`inline-flex min-h-9 items-center gap-1 rounded-md border px-3 py-1.5 text-sm font-medium ${
        following
          ? "border-brand-600 bg-brand-50 text-brand-800 hover:bg-brand-100"
          : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
      } disabled:opacity-60`}
    >
      <span aria-hidden>{following ? "★" : "☆"}</span>
      {pending ? text.pending : text.follow}
    </button>
  );
}
