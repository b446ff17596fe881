"use client";

import { useId, useState } from "react";
import { TextField } from "@/components/ui/form";
import { fill, type AdminText } from "./text";

/** "Generate" (default) or "set it myself", with the policy spelled out and the errors tied to the input. */
export function PasswordChoiceFields({
  idPrefix,
  legend,
  text,
  minLength,
  errors,
}: {
  idPrefix: string;
  legend: string;
  text: AdminText;
  minLength: number;
  errors?: string[];
}) {
  const [mode, setMode] = useState<"generate" | "set">("generate");
  const policyId = useId();
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-col gap-2 text-sm sm:flex-row sm:gap-6">
        {(
          [
            ["generate", text.form.generate],
            ["set", text.form.setOwn],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="passwordMode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {label}
          </label>
        ))}
      </div>
      {mode === "set" ? (
        <TextField
          id={`${idPrefix}-password`}
          label={legend}
          hint={fill(text.form.passwordPolicy, { min: minLength })}
          errors={errors}
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      ) : (
        <>
          <p id={policyId} className="text-xs text-slate-500">
            {fill(text.form.passwordPolicy, { min: minLength })}
          </p>
          {errors?.length ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.join(" ")}
            </p>
          ) : null}
        </>
      )}
    </fieldset>
  );
}

/** A generated password, shown once: selectable, in a monospace face, announced to screen readers. */
export function GeneratedPassword({ password, text }: { password: string; text: AdminText }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">{text.form.generatedTitle}</p>
      <p className="mt-2 select-all font-mono text-lg break-all text-slate-900" data-testid="generated-password">
        {password}
      </p>
      <p className="mt-2 text-sm text-amber-900">{text.form.generatedNote}</p>
    </div>
  );
}
