"use client";

import { updateIndicatorThresholdsAction } from "@/lib/actions/indicator-admin";
import type { IndicatorThresholds } from "@/lib/domain/indicator-status";
import { FormResult, primaryButtonClass, TextField, useActionForm } from "@/components/ui/form";
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
  const { pending, error, saved, errors, onSubmit } = useActionForm((form) =>
    updateIndicatorThresholdsAction({
      onPaceMargin: toShare(form.get("onPaceMargin")),
      atRiskMargin: toShare(form.get("atRiskMargin")),
      approxTolerance: toShare(form.get("approxTolerance")),
    }),
  );

  const fields = [
    { name: "onPaceMargin", label: text.onPaceMargin, hint: text.onPaceHint, max: 100 },
    { name: "atRiskMargin", label: text.atRiskMargin, hint: text.atRiskHint, max: 100 },
    { name: "approxTolerance", label: text.approxTolerance, hint: text.approxHint, max: 50 },
  ] as const;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={text.title} className="max-w-xl space-y-4">
      <FormResult error={error} saved={saved} savedMessage={text.saved} />
      <div className="grid gap-4 sm:grid-cols-3">
        {fields.map((field) => (
          <TextField
            key={field.name}
            id={`threshold-${field.name}`}
            label={field.label}
            hint={field.hint}
            errors={errors[field.name]}
            name={field.name}
            type="number"
            inputMode="decimal"
            min={0}
            max={field.max}
            step={0.1}
            required
            defaultValue={toPercent(current[field.name])}
          />
        ))}
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? text.saving : text.save}
      </button>
    </form>
  );
}
