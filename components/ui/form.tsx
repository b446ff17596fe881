"use client";

import { useRouter } from "next/navigation";
import {
  useState,
  useTransition,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { ErrorBody } from "@/lib/server/errors";
import type { ActionResult } from "@/lib/server/failures";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base aria-[invalid=true]:border-red-600 disabled:bg-slate-100";
type ButtonVariant = "primary" | "secondary" | "danger";
const BUTTON_LOOK: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};
/** A button's classes; `wide` fills its column in the base text size (sign-in, new token). */
const buttonClass = (variant: ButtonVariant, wide = false) =>
  `rounded-md px-4 py-2 font-medium disabled:opacity-60 ${wide ? "w-full" : "text-sm"} ${BUTTON_LOOK[variant]}`;
export const primaryButtonClass = buttonClass("primary");
export const secondaryButtonClass = buttonClass("secondary");
export const dangerButtonClass = buttonClass("danger");

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

type ControlProps = "id" | "aria-describedby" | "aria-invalid" | "className";
interface TextFieldLabels {
  id: string;
  label: string;
  note?: string;
  hint?: string;
  errors?: string[];
}

/** A Field holding one text input (any `type`), styled with inputClass. */
export function TextField({
  id,
  label,
  note,
  hint,
  errors,
  ...input
}: TextFieldLabels & Omit<InputHTMLAttributes<HTMLInputElement>, ControlProps>) {
  return (
    <Field id={id} label={label} note={note} hint={hint} errors={errors}>
      {(control) => <input {...control} {...input} className={inputClass} />}
    </Field>
  );
}

/** A Field holding one textarea, styled with inputClass. */
export function TextAreaField({
  id,
  label,
  note,
  hint,
  errors,
  ...textarea
}: TextFieldLabels & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, ControlProps>) {
  return (
    <Field id={id} label={label} note={note} hint={hint} errors={errors}>
      {(control) => <textarea {...control} {...textarea} className={inputClass} />}
    </Field>
  );
}

/** A Field holding one select; `emptyOption` is a first choice with the empty value. */
export function ChoiceField({
  id,
  label,
  note,
  hint,
  errors,
  options,
  emptyOption,
  ...select
}: TextFieldLabels & {
  options: readonly { value: string | number; label: ReactNode }[];
  emptyOption?: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, ControlProps | "children">) {
  return (
    <Field id={id} label={label} note={note} hint={hint} errors={errors}>
      {(control) => (
        <select {...control} {...select} className={inputClass}>
          {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Value-and-label pairs for a ChoiceField from a list of codes. */
export const choicesOf = <T extends string>(values: readonly T[], label: (value: T) => ReactNode = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));

/**
 * The state every action form repeats: submit the FormData to a server action inside a transition,
 * keep its error (and the field errors) or, on success, mark it saved and refresh the server data.
 * `submit` may return null to skip the call (e.g. a client-side check failed and set its own message).
 */
export function useActionForm<T>(
  submit: (form: FormData) => Promise<ActionResult<T>> | null,
  { onSuccess, refresh = true }: { onSuccess?: (data: T) => void; refresh?: boolean } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const call = submit(form);
      if (!call) return;
      const result = await call;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setSaved(true);
      onSuccess?.(result.data);
      if (refresh) router.refresh();
    });
  }

  const errors = fieldErrorsOf(error);
  /** The id, name and errors of the field `name` (id defaults to the name). */
  const field = (name: string, id: string = name) => ({ id, name, errors: errors[name] });
  return { pending, error, saved, errors, field, onSubmit };
}

/** The outcome line(s) above an action form: the error, else the saved message once saved. */
export function FormResult({
  error,
  saved,
  savedMessage,
}: {
  error: ErrorBody | null;
  saved: boolean;
  savedMessage: string;
}) {
  return (
    <>
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {saved ? <FormMessage kind="success">{savedMessage}</FormMessage> : null}
    </>
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
  wide = false,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  onClick?: () => void;
  type?: "submit" | "button";
  ariaLabel?: string;
  /** Full width (a sign-in form, a narrow grid column). */
  wide?: boolean;
}) {
  const className = buttonClass(variant, wide);
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
