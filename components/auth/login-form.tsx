"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeCallback } from "@/lib/domain/redirects";
import { START_PATH } from "@/lib/domain/roles";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";

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
      const target = safeCallback(callbackUrl, window.location.origin);
      // The landing page depends on the role: a full load, so the server answers with its redirect.
      if (target === START_PATH) {
        window.location.assign(target);
        return;
      }
      router.replace(target);
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error ?? "generic");
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
      {error ? <FormMessage kind="error">{text.errors[error] ?? text.errors.generic}</FormMessage> : null}
      <TextField id="username" label={text.username} name="username" autoComplete="username" required />
      <TextField
        id="password"
        label={text.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton pending={pending} label={text.submit} pendingLabel={text.submitting} wide />
    </form>
  );
}
