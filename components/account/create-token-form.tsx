"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/server/failures";
import { ChoiceField, SubmitButton } from "@/components/ui/form";

export type CreateTokenAction = (input: unknown) => Promise<ActionResult<{ id: number; name: string; secret: string }>>;

export interface CreateTokenText {
  heading: string;
  name: string;
  nameHint: string;
  nameInvalid: string;
  expiry: string;
  noExpiry: string;
  create: string;
  creating: string;
  createdHeading: string;
  createdWarning: string;
  secretLabel: string;
  copy: string;
  copied: string;
  dismiss: string;
  errors: Record<string, string>;
}

/** Creates a token and shows its secret once; the secret lives only in this component's state. */
export function CreateTokenForm({
  action,
  text,
  expiryChoices,
}: {
  action: CreateTokenAction;
  text: CreateTokenText;
  expiryChoices: { days: number; label: string }[];
}) {
  const router = useRouter();
  const ids = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; name?: string } | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = String(form.get("expiresInDays") ?? "");
    setPending(true);
    setError(null);
    setCreated(null);
    setCopied(false);
    const result = await action({
      name: String(form.get("name") ?? ""),
      expiresInDays: expiry === "never" ? null : Number(expiry),
    });
    setPending(false);
    if (!result.ok) {
      setError({
        message: text.errors[result.error.code] ?? text.errors.generic ?? result.error.message,
        name: result.error.fieldErrors?.name ? text.nameInvalid : undefined,
      });
      return;
    }
    setCreated({ name: result.data.name, secret: result.data.secret });
    formRef.current?.reset();
    router.refresh();
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const nameId = `${ids}-name`;
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 md:p-5">
      <h3 className="font-semibold text-slate-900">{text.heading}</h3>
      {created ? (
        <div role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{text.createdHeading.replace("{name}", created.name)}</p>
          <p className="mt-1 text-amber-900">{text.createdWarning}</p>
          <label htmlFor={`${ids}-secret`} className="mt-2 block text-xs font-medium text-slate-700">
            {text.secretLabel}
          </label>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <input
              id={`${ids}-secret`}
              readOnly
              value={created.secret}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
              data-testid="new-token-secret"
            />
            <button
              type="button"
              onClick={() => void copy(created.secret)}
              className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
            >
              {copied ? text.copied : text.copy}
            </button>
            <button
              type="button"
              onClick={() => setCreated(null)}
              className="rounded px-3 py-1 text-brand-700 underline"
            >
              {text.dismiss}
            </button>
          </div>
        </div>
      ) : null}
      <form
        ref={formRef}
        onSubmit={(e) => void onSubmit(e)}
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start"
        noValidate
      >
        <div>
          <label htmlFor={nameId} className="block text-sm font-medium text-slate-700">
            {text.name}
          </label>
          <input
            id={nameId}
            name="name"
            required
            maxLength={60}
            autoComplete="off"
            aria-describedby={error?.name ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error?.name ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          />
          <p id={hintId} className="mt-1 text-xs text-slate-500">
            {text.nameHint}
          </p>
        </div>
        <ChoiceField
          id={`${ids}-expiry`}
          label={text.expiry}
          name="expiresInDays"
          defaultValue="90"
          options={[
            ...expiryChoices.map((choice) => ({ value: String(choice.days), label: choice.label })),
            { value: "never", label: text.noExpiry },
          ]}
        />
        <div className="sm:pt-6">
          <SubmitButton pending={pending} label={text.create} pendingLabel={text.creating} wide />
        </div>
        {error ? (
          <p id={errorId} role="alert" className="text-sm text-red-700 sm:col-span-3">
            {error.name ?? error.message}
          </p>
        ) : null}
      </form>
    </div>
  );
}
