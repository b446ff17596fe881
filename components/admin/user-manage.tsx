"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { endUserSessionsAction, resetPasswordAction, setUserActiveAction, unlockUserAction } from "@/lib/actions/users";
import type { ErrorBody } from "@/lib/server/errors";
import { fieldErrorsOf, FormMessage, SubmitButton } from "@/components/ui/form";
import { GeneratedPassword, PasswordChoiceFields } from "./password-fields";
import { type AdminText } from "./text";

type Outcome = { kind: "success"; message: string } | { kind: "error"; error: ErrorBody } | null;

/** Deactivate/reactivate and unlock: one-click actions with their own pending state and result message. */
export function UserStatusActions({
  userId,
  active,
  locked,
  isSelf,
  text,
}: {
  userId: number;
  active: boolean;
  locked: boolean;
  isSelf: boolean;
  text: AdminText;
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<"active" | "unlock" | "sessions" | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  function toggleActive() {
    if (active && !window.confirm(text.manage.deactivateConfirm)) return;
    setBusy("active");
    setOutcome(null);
    startTransition(async () => {
      const result = await setUserActiveAction({ userId, active: !active });
      setOutcome(
        result.ok
          ? { kind: "success", message: active ? text.manage.deactivated : text.manage.activated }
          : { kind: "error", error: result.error },
      );
      setBusy(null);
      router.refresh();
    });
  }

  function unlock() {
    setBusy("unlock");
    setOutcome(null);
    startTransition(async () => {
      const result = await unlockUserAction({ userId });
      setOutcome(
        result.ok
          ? { kind: "success", message: result.data.changed ? text.manage.unlocked : text.manage.notLocked }
          : { kind: "error", error: result.error },
      );
      setBusy(null);
      router.refresh();
    });
  }

  function endSessions() {
    if (!window.confirm(text.manage.endSessionsConfirm)) return;
    setBusy("sessions");
    setOutcome(null);
    startTransition(async () => {
      const result = await endUserSessionsAction({ userId });
      setOutcome(
        result.ok ? { kind: "success", message: text.manage.sessionsEnded } : { kind: "error", error: result.error },
      );
      setBusy(null);
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      {outcome?.kind === "error" ? (
        <FormMessage kind="error">{outcome.error.message}</FormMessage>
      ) : outcome ? (
        <FormMessage kind="success">{outcome.message}</FormMessage>
      ) : null}
      {isSelf ? <p className="text-sm text-slate-600">{text.manage.selfNote}</p> : null}
      <div className="flex flex-wrap gap-3">
        {isSelf ? null : (
          <SubmitButton
            type="button"
            variant={active ? "danger" : "secondary"}
            pending={pending && busy === "active"}
            label={active ? text.manage.deactivate : text.manage.activate}
            pendingLabel={active ? text.manage.deactivating : text.manage.activating}
            onClick={toggleActive}
          />
        )}
        {locked ? (
          <SubmitButton
            type="button"
            variant="secondary"
            pending={pending && busy === "unlock"}
            label={text.manage.unlock}
            pendingLabel={text.manage.unlocking}
            onClick={unlock}
          />
        ) : null}
        <SubmitButton
          type="button"
          variant="secondary"
          pending={pending && busy === "sessions"}
          label={text.manage.endSessions}
          pendingLabel={text.manage.endingSessions}
          onClick={endSessions}
        />
      </div>
    </div>
  );
}

export function ResetPasswordForm({
  userId,
  text,
  passwordMinLength,
}: {
  userId: number;
  text: AdminText;
  locale: string;
  passwordMinLength: number;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<{ generatedPassword: string | null } | null>(null);
  // A new key remounts the fields after a successful reset, so no typed password lingers in the form.
  const [formKey, setFormKey] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = form.get("passwordMode") === "set" ? String(form.get("password") ?? "") : null;
    setError(null);
    setDone(null);
    startTransition(async () => {
      const result = await resetPasswordAction({
        userId,
        password: password === null ? { mode: "generate" } : { mode: "set", password },
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setDone(result.data);
      setFormKey((k) => k + 1);
    });
  }

  const passwordErrors = fieldErrorsOf(error).password;
  return (
    <form key={formKey} onSubmit={onSubmit} noValidate className="max-w-xl space-y-3">
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {done ? <FormMessage kind="success">{text.manage.resetDone}</FormMessage> : null}
      {done?.generatedPassword ? <GeneratedPassword password={done.generatedPassword} text={text} /> : null}
      <PasswordChoiceFields
        idPrefix="reset"
        legend={text.manage.resetTitle}
        text={text}
        minLength={passwordMinLength}
        errors={passwordErrors}
      />
      <SubmitButton pending={pending} label={text.manage.reset} pendingLabel={text.manage.resetting} />
    </form>
  );
}
