"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { splitIndicatorAction, unmergeIndicatorAction } from "@/lib/actions/indicator-admin";
import type { DIRECTIONS } from "@/lib/domain/indicator-admin";
import { interpolate } from "@/lib/i18n/catalogue";
import { FormMessage, SubmitButton, TextField, useActionForm } from "@/components/ui/form";
import { DirectionAndArea, type IndicatorAdminText } from "./indicator-edit-form";

export interface IndicatorParts {
  targets: {
    id: number;
    name: string;
    valueAsWritten: string;
    dueDate: string;
    document: string;
    taskNumber: string | null;
    retired: boolean;
  }[];
  baselines: {
    id: number;
    name: string;
    valueAsWritten: string;
    asOf: string;
    document: string | null;
    retired: boolean;
  }[];
  synonyms: { id: number; synonym: string }[];
}

interface Chosen {
  targetIds: number[];
  baselineIds: number[];
  synonymIds: number[];
}

const idsOf = (form: FormData, name: string) => form.getAll(name).map(Number).filter(Number.isInteger);

/** One checkbox list of a part kind (targets, baselines or synonyms); `name` is the form field. */
function PartChecklist({
  legend,
  empty,
  name,
  prefix,
  items,
  chosen,
  inline = false,
}: {
  legend: string;
  empty: string;
  name: keyof Chosen;
  prefix: string;
  items: { id: number; label: ReactNode }[];
  chosen?: number[];
  inline?: boolean;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      {items.length === 0 ? <p className="text-sm text-slate-600">{empty}</p> : null}
      <ul className={inline ? "flex flex-wrap gap-x-4" : "divide-y divide-slate-100"}>
        {items.map((entry) => (
          <li key={entry.id}>
            <label className="flex items-start gap-2 py-1.5 text-sm">
              <input
                type="checkbox"
                name={name}
                value={entry.id}
                id={`${prefix}-${name}-${entry.id}`}
                defaultChecked={chosen?.includes(entry.id)}
                className="mt-0.5 h-5 w-5 shrink-0"
              />
              {entry.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Checkbox lists of the targets, baselines and synonyms to move (prefix keeps ids unique per form). */
function PartsPicker({
  parts,
  prefix,
  m,
  defaults,
}: {
  parts: IndicatorParts;
  prefix: string;
  m: IndicatorAdminText;
  defaults?: Chosen;
}) {
  const detail = (name: string, valueAsWritten: string, note: string) => (
    <span>
      {name}：{valueAsWritten}
      <span className="block text-xs text-slate-600">{note}</span>
    </span>
  );
  return (
    <div className="space-y-3">
      <PartChecklist
        legend={m.targets}
        empty={m.split.noTargets}
        name="targetIds"
        prefix={prefix}
        chosen={defaults?.targetIds}
        items={parts.targets.map((t) => ({
          id: t.id,
          label: detail(
            t.name,
            t.valueAsWritten,
            `${t.document} · ${interpolate(m.lists.due, { date: t.dueDate })}` +
              (t.taskNumber ? ` · ${interpolate(m.lists.task, { number: t.taskNumber })}` : "") +
              (t.retired ? ` · ${m.split.retired}` : ""),
          ),
        }))}
      />
      <PartChecklist
        legend={m.baselines}
        empty={m.split.noBaselines}
        name="baselineIds"
        prefix={prefix}
        chosen={defaults?.baselineIds}
        items={parts.baselines.map((b) => ({
          id: b.id,
          label: detail(
            b.name,
            b.valueAsWritten,
            (b.document ? `${b.document} · ` : "") +
              interpolate(m.lists.asOf, { date: b.asOf }) +
              (b.retired ? ` · ${m.split.retired}` : ""),
          ),
        }))}
      />
      <PartChecklist
        legend={m.synonyms}
        empty={m.split.noSynonyms}
        name="synonymIds"
        prefix={prefix}
        chosen={defaults?.synonymIds}
        inline
        items={parts.synonyms.map((syn) => ({ id: syn.id, label: <span>{syn.synonym}</span> }))}
      />
    </div>
  );
}

export function IndicatorSplitForm({
  indicator,
  parts,
  m,
}: {
  indicator: { id: number; unit: string; area: string; direction: (typeof DIRECTIONS)[number] };
  parts: IndicatorParts;
  m: IndicatorAdminText;
  locale: string;
}) {
  const [created, setCreated] = useState<{ id: number } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { pending, error, saved, errors, field, onSubmit } = useActionForm(
    (form) =>
      splitIndicatorAction({
        indicatorId: indicator.id,
        key: String(form.get("key") ?? ""),
        name: String(form.get("name") ?? ""),
        nameEn: String(form.get("nameEn") ?? ""),
        unit: String(form.get("unit") ?? ""),
        direction: String(form.get("direction") ?? ""),
        area: String(form.get("area") ?? ""),
        targetIds: idsOf(form, "targetIds"),
        baselineIds: idsOf(form, "baselineIds"),
        synonymIds: idsOf(form, "synonymIds"),
      }),
    {
      onSuccess: (data) => {
        setCreated({ id: data.id });
        setFormKey((k) => k + 1);
      },
    },
  );

  return (
    <form key={formKey} onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {saved && created ? (
        <FormMessage kind="success">
          {m.split.done}{" "}
          <Link href={`/admin/indicators/${created.id}`} className="underline">
            {m.split.openNew}
          </Link>
        </FormMessage>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...field("key", "split-key")}
          label={m.split.key}
          hint={m.split.keyHint}
          required
          autoCapitalize="none"
        />
        <TextField {...field("name", "split-name")} label={m.split.name} required />
        <TextField {...field("nameEn", "split-nameEn")} label={m.split.nameEn} lang="en" />
        <TextField {...field("unit", "split-unit")} label={m.split.unit} defaultValue={indicator.unit} />
        <DirectionAndArea
          prefix="split"
          labels={m.split}
          directions={m.edit.directions}
          errors={errors}
          indicator={indicator}
          unknownArea="first"
        />
      </div>
      <p className="text-sm font-semibold text-slate-800">{m.split.move}</p>
      {errors.targetIds ? <p className="text-sm text-red-700">{errors.targetIds?.join(" ")}</p> : null}
      <PartsPicker parts={parts} prefix="split" m={m} />
      <SubmitButton pending={pending} label={m.split.submit} pendingLabel={m.split.submitting} />
    </form>
  );
}

export function IndicatorUnmergeForm({
  indicatorId,
  merged,
  parts,
  m,
}: {
  indicatorId: number;
  merged: { id: number; key: string; name: string; suggested: Chosen };
  parts: IndicatorParts;
  m: IndicatorAdminText;
  locale: string;
}) {
  const router = useRouter();
  const { pending, error, onSubmit } = useActionForm(
    (form) =>
      unmergeIndicatorAction({
        indicatorId,
        mergedId: merged.id,
        targetIds: idsOf(form, "targetIds"),
        baselineIds: idsOf(form, "baselineIds"),
        synonymIds: idsOf(form, "synonymIds"),
      }),
    { refresh: false, onSuccess: (data) => router.push(`/admin/indicators/${data.id}`) },
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-3"
      aria-label={interpolate(m.unmerge.from, { name: merged.name, key: merged.key })}
    >
      <p className="text-sm font-medium">{interpolate(m.unmerge.from, { name: merged.name, key: merged.key })}</p>
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      <PartsPicker parts={parts} prefix={`unmerge-${merged.id}`} m={m} defaults={merged.suggested} />
      <SubmitButton
        pending={pending}
        label={m.unmerge.submit}
        pendingLabel={m.unmerge.submitting}
        variant="secondary"
      />
    </form>
  );
}
