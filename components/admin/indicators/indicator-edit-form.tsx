"use client";

import { updateIndicatorAction } from "@/lib/actions/indicator-admin";
import { DIRECTIONS, INDICATOR_AREAS } from "@/lib/domain/indicator-admin";
import type { Messages } from "@/messages/zh-CN";
import {
  ChoiceField,
  choicesOf,
  FormResult,
  SubmitButton,
  TextAreaField,
  TextField,
  useActionForm,
} from "@/components/ui/form";

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
  const { pending, error, saved, errors, onSubmit } = useActionForm((form) =>
    updateIndicatorAction({
      indicatorId: indicator.id,
      name: String(form.get("name") ?? ""),
      nameEn: String(form.get("nameEn") ?? ""),
      unit: String(form.get("unit") ?? ""),
      direction: String(form.get("direction") ?? ""),
      area: String(form.get("area") ?? ""),
      description: String(form.get("description") ?? ""),
    }),
  );
  const areas: readonly string[] = INDICATOR_AREAS;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormResult error={error} saved={saved} savedMessage={m.edit.saved} />
      <TextField
        id="edit-name"
        label={m.edit.name}
        errors={errors.name}
        name="name"
        defaultValue={indicator.name}
        required
      />
      <TextField
        id="edit-nameEn"
        label={m.edit.nameEn}
        errors={errors.nameEn}
        name="nameEn"
        lang="en"
        defaultValue={indicator.nameEn ?? ""}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id="edit-unit"
          label={m.edit.unit}
          hint={m.edit.unitHint}
          errors={errors.unit}
          name="unit"
          defaultValue={indicator.unit}
        />
        <ChoiceField
          id="edit-direction"
          label={m.edit.direction}
          errors={errors.direction}
          name="direction"
          defaultValue={indicator.direction}
          options={choicesOf(DIRECTIONS, (d) => m.edit.directions[d])}
        />
        <ChoiceField
          id="edit-area"
          label={m.edit.area}
          errors={errors.area}
          name="area"
          defaultValue={areas.includes(indicator.area) ? indicator.area : ""}
          emptyOption={areas.includes(indicator.area) ? undefined : indicator.area}
          options={choicesOf(INDICATOR_AREAS)}
        />
      </div>
      <TextAreaField
        id="edit-description"
        label={m.edit.description}
        errors={errors.description}
        name="description"
        rows={3}
        defaultValue={indicator.description ?? ""}
      />
      <SubmitButton pending={pending} label={m.edit.save} pendingLabel={m.edit.saving} />
    </form>
  );
}
