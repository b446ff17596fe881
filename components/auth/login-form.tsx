"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeCallback } from "@/lib/domain/redirects";

export interface LoginFormText {
  username: string;
  password: string;
  submit: string;
  submitting: string;
  errors: Record<string, string>;
}

export function LoginForm({
  text,
  callbackUrl,
  initialError,
}: {
  text: LoginFormText;
  callbackUrl: string | null;
  initialError: string | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(safeCallback(callbackUrl, window.location.origin));
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error ?? "generic");
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {text.errors[error] ?? text.errors.generic}
        </p>
      ) : null}
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-slate-700">
          {text.username}
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          {text.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
