"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { updateIndicatorAction } from "@/lib/actions/indicator-admin";
import { DIRECTIONS, INDICATOR_AREAS } from "@/lib/domain/indicator-admin";
import type { ErrorBody } from "@/lib/server/errors";
import type { Messages } from "@/messages/zh-CN";
import { Field, fieldErrorsOf, FormMessage, inputClass, SubmitButton } from "../form";

export type IndicatorAdminText = Messages["indicatorAdmin"];

export interface EditableIndicator {
  id: number;
  name: string;
  nameEn: string | null;
  unit: string;
  direction: (typeof DIRECTIONS)[number];
  area: string;
  description: string | null;
}

export function IndicatorEditForm({
  indicator,
  m,
}: {
  indicator: EditableIndicator;
  m: IndicatorAdminText;
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrorsOf(error);
  const areas: readonly string[] = INDICATOR_AREAS;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateIndicatorAction({
        indicatorId: indicator.id,
        name: String(form.get("name") ?? ""),
        nameEn: String(form.get("nameEn") ?? ""),
        unit: String(form.get("unit") ?? ""),
        direction: String(form.get("direction") ?? ""),
        area: String(form.get("area") ?? ""),
        description: String(form.get("description") ?? ""),
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {saved ? <FormMessage kind="success">{m.edit.saved}</FormMessage> : null}
      <Field id="edit-name" label={m.edit.name} errors={errors.name}>
        {(control) => <input {...control} name="name" defaultValue={indicator.name} required className={inputClass} />}
      </Field>
      <Field id="edit-nameEn" label={m.edit.nameEn} errors={errors.nameEn}>
        {(control) => (
          <input {...control} name="nameEn" lang="en" defaultValue={indicator.nameEn ?? ""} className={inputClass} />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="edit-unit" label={m.edit.unit} hint={m.edit.unitHint} errors={errors.unit}>
          {(control) => <input {...control} name="unit" defaultValue={indicator.unit} className={inputClass} />}
        </Field>
        <Field id="edit-direction" label={m.edit.direction} errors={errors.direction}>
          {(control) => (
            <select {...control} name="direction" defaultValue={indicator.direction} className={inputClass}>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {m.edit.directions[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="edit-area" label={m.edit.area} errors={errors.area}>
          {(control) => (
            <select
              {...control}
              name="area"
              defaultValue={areas.includes(indicator.area) ? indicator.area : ""}
              className={inputClass}
            >
              {areas.includes(indicator.area) ? null : <option value="">{indicator.area}</option>}
              {INDICATOR_AREAS.map((area) => (
                <option key={area} value={area}>
                  {area}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="edit-description" label={m.edit.description} errors={errors.description}>
        {(control) => (
          <textarea
            {...control}
            name="description"
            rows={3}
            defaultValue={indicator.description ?? ""}
            className={inputClass}
          />
        )}
      </Field>
      <SubmitButton pending={pending} label={m.edit.save} pendingLabel={m.edit.saving} />
    </form>
  );
}
