"use client";

import type { ReactNode } from "react";
import type { ErrorBody } from "@/lib/server/errors";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base aria-[invalid=true]:border-red-600 disabled:bg-slate-100";
export const primaryButtonClass =
  "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButtonClass =
  "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60";
export const dangerButtonClass =
  "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60";

/** Field errors of a failed action, keyed by the first segment of the path ("password.password" → "password"). */
export function fieldErrorsOf(error: ErrorBody | null): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(error?.fieldErrors ?? {})) {
    const field = key.split(".")[0] ?? key;
    (result[field] ??= []).push(...messages);
  }
  return result;
}

/**
 * A labelled control with its hint and errors tied by aria-describedby. `children` receives the ids
 * and state to spread on the control.
 */
export function Field({
  id,
  label,
  note,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  note?: string;
  hint?: string;
  errors?: string[];
  children: (control: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {note ? <span className="ml-1 font-normal text-slate-500">{note}</span> : null}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errorId ? true : undefined })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** The message of a failed action (role="alert" so screen readers announce it). */
export function FormMessage({ kind, children }: { kind: "error" | "success"; children: ReactNode }) {
  return kind === "error" ? (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {children}
    </div>
  ) : (
    <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-800">
      {children}
    </p>
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant = "primary",
  onClick,
  type = "submit",
  ariaLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  onClick?: () => void;
  type?: "submit" | "button";
  ariaLabel?: string;
}) {
  const className =
    variant === "primary" ? primaryButtonClass : variant === "danger" ? dangerButtonClass : secondaryButtonClass;
  return (
    <button
      type={type}
      disabled={pending}
      aria-busy={pending}
      aria-label={ariaLabel}
      onClick={onClick}
      className={className}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
