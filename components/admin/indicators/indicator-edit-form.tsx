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

/**
 * The direction and area choices of the edit and split forms. An area outside the strategy's list
 * (from an old import) is kept as the first, empty-valued choice (`keep`) or replaced by the first area.
 */
export function DirectionAndArea({
  prefix,
  labels,
  directions,
  errors,
  indicator,
  unknownArea,
}: {
  prefix: string;
  labels: { direction: string; area: string };
  directions: Record<(typeof DIRECTIONS)[number], string>;
  errors: Record<string, string[]>;
  indicator: { direction: (typeof DIRECTIONS)[number]; area: string };
  unknownArea: "keep" | "first";
}) {
  const known = (INDICATOR_AREAS as readonly string[]).includes(indicator.area);
  return (
    <>
      <ChoiceField
        id={`${prefix}-direction`}
        label={labels.direction}
        errors={errors.direction}
        name="direction"
        defaultValue={indicator.direction}
        options={choicesOf(DIRECTIONS, (d) => directions[d])}
      />
      <ChoiceField
        id={`${prefix}-area`}
        label={labels.area}
        errors={errors.area}
        name="area"
        defaultValue={known ? indicator.area : unknownArea === "keep" ? "" : INDICATOR_AREAS[0]}
        emptyOption={known || unknownArea === "first" ? undefined : indicator.area}
        options={choicesOf(INDICATOR_AREAS)}
      />
    </>
  );
}

export function IndicatorEditForm({
  indicator,
  m,
}: {
  indicator: EditableIndicator;
  m: IndicatorAdminText;
  locale: string;
}) {
  const { pending, error, saved, errors, field, onSubmit } = useActionForm((form) =>
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
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormResult error={error} saved={saved} savedMessage={m.edit.saved} />
      <TextField {...field("name", "edit-name")} label={m.edit.name} defaultValue={indicator.name} required />
      <TextField
        {...field("nameEn", "edit-nameEn")}
        label={m.edit.nameEn}
        lang="en"
        defaultValue={indicator.nameEn ?? ""}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          {...field("unit", "edit-unit")}
          label={m.edit.unit}
          hint={m.edit.unitHint}
          defaultValue={indicator.unit}
        />
        <DirectionAndArea
          prefix="edit"
          labels={m.edit}
          directions={m.edit.directions}
          errors={errors}
          indicator={indicator}
          unknownArea="keep"
        />
      </div>
      <TextAreaField
        {...field("description", "edit-description")}
        label={m.edit.description}
        rows={3}
        defaultValue={indicator.description ?? ""}
      />
      <SubmitButton pending={pending} label={m.edit.save} pendingLabel={m.edit.saving} />
    </form>
  );
}
