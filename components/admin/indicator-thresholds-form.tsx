"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { updateIndicatorThresholdsAction } from "@/lib/actions/indicator-admin";
import type { IndicatorThresholds } from "@/lib/domain/indicator-status";
import type { ErrorBody } from "@/lib/server/errors";
import { Field, fieldErrorsOf, FormMessage, inputClass, primaryButtonClass } from "./form";
import { type AdminText } from "./text";

/** Percent in the form, shares on the server: 5 (%) ↔ 0.05. */
const toPercent = (share: number) => String(Math.round(share * 10_000) / 100);
const toShare = (percent: FormDataEntryValue | null) => Number(percent) / 100;

export function IndicatorThresholdsForm({
  current,
  text,
}: {
  current: IndicatorThresholds;
  text: AdminText["thresholds"];
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrorsOf(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateIndicatorThresholdsAction({
        onPaceMargin: toShare(form.get("onPaceMargin")),
        atRiskMargin: toShare(form.get("atRiskMargin")),
        approxTolerance: toShare(form.get("approxTolerance")),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setSaved(true);
      router.refresh();
    });
  }

  const fields = [
    { name: "onPaceMargin", label: text.onPaceMargin, hint: text.onPaceHint, max: 100 },
    { name: "atRiskMargin", label: text.atRiskMargin, hint: text.atRiskHint, max: 100 },
    { name: "approxTolerance", label: text.approxTolerance, hint: text.approxHint, max: 50 },
  ] as const;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={text.title} className="max-w-xl space-y-4">
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {saved ? <FormMessage kind="success">{text.saved}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {fields.map((field) => (
          <Field
            key={field.name}
            id={`threshold-${field.name}`}
            label={field.label}
            hint={field.hint}
            errors={errors[field.name]}
          >
            {(control) => (
              <input
                {...control}
                name={field.name}
                type="number"
                inputMode="decimal"
                min={0}
                max={field.max}
                step={0.1}
                required
                defaultValue={toPercent(current[field.name])}
                className={inputClass}
              />
            )}
          </Field>
        ))}
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? text.saving : text.save}
      </button>
    </form>
  );
}
