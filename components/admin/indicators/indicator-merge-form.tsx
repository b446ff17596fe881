"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type FormEvent } from "react";
import { mergeIndicatorAction } from "@/app/(app)/admin/indicators/actions";
import { sameUnit } from "@/lib/domain/indicator-admin";
import { interpolate } from "@/lib/i18n/catalogue";
import type { ErrorBody } from "@/lib/server/errors";
import { Field, fieldErrorsOf, FormMessage, inputClass, SubmitButton } from "../form";
import { pickLocalised } from "../text";
import type { IndicatorAdminText } from "./indicator-edit-form";

export interface MergeCandidate {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
}

export interface MergeSource extends MergeCandidate {
  /** What would move: every target and baseline (retired ones too), synonym and task link. */
  targetCount: number;
  baselineCount: number;
  synonymCount: number;
  taskCount: number;
  observationCount: number;
}

/** Merge this indicator into another: a searchable choice, a preview of what moves, a confirmation. */
export function IndicatorMergeForm({
  source,
  candidates,
  m,
  locale,
}: {
  source: MergeSource;
  candidates: MergeCandidate[];
  m: IndicatorAdminText;
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [query, setQuery] = useState("");
  const [targetId, setTargetId] = useState("");
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = q
      ? candidates.filter((c) => `${c.name} ${c.key} ${c.area} ${c.unit}`.toLowerCase().includes(q))
      : candidates;
    // The chosen one stays in the list while the search changes.
    const chosen = candidates.find((c) => String(c.id) === targetId);
    return chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  }, [candidates, query, targetId]);
  const target = candidates.find((c) => String(c.id) === targetId) ?? null;
  const unitProblem = target && !sameUnit(source.unit, target.unit);
  const directionProblem = target && source.direction !== target.direction;
  const errors = fieldErrorsOf(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) {
      setError({ code: "VALIDATION", message: m.merge.choose, fieldErrors: { targetId: [m.merge.choose] } });
      return;
    }
    if (!window.confirm(interpolate(m.merge.confirm, { source: source.name, target: target.name }))) return;
    setError(null);
    startTransition(async () => {
      const result = await mergeIndicatorAction({ sourceId: source.id, targetId: target.id });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push(`/admin/indicators/${result.data.survivorId}?merged=${source.id}`);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <FormMessage kind="error">{pickLocalised(error.message, locale)}</FormMessage> : null}
      <Field id="merge-search" label={m.merge.search}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="merge-target"
        label={m.merge.target}
        errors={errors.targetId?.map((message) => pickLocalised(message, locale))}
      >
        {(control) => (
          <select
            {...control}
            name="targetId"
            value={targetId}
            onChange={(event) => setTargetId(event.target.value)}
            className={inputClass}
          >
            <option value="">{shown.length ? m.merge.choose : m.merge.noCandidates}</option>
            {shown.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}（{c.unit} · {c.area}）
              </option>
            ))}
          </select>
        )}
      </Field>
      {target ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-live="polite">
          {unitProblem ? (
            <p className="font-medium text-red-800">
              {interpolate(m.merge.unitMismatch, { source: source.unit, target: target.unit })}
            </p>
          ) : directionProblem ? (
            <p className="font-medium text-red-800">{m.merge.directionMismatch}</p>
          ) : (
            <>
              <p className="font-medium">{interpolate(m.merge.preview, { name: target.name })}</p>
              <ul className="mt-1 list-disc pl-5">
                <li>{interpolate(m.merge.previewTargets, { count: source.targetCount })}</li>
                <li>{interpolate(m.merge.previewBaselines, { count: source.baselineCount })}</li>
                <li>{interpolate(m.merge.previewSynonyms, { count: source.synonymCount })}</li>
                <li>{interpolate(m.merge.previewTasks, { count: source.taskCount })}</li>
                <li>{interpolate(m.merge.previewObservations, { count: source.observationCount })}</li>
              </ul>
            </>
          )}
        </div>
      ) : null}
      <SubmitButton pending={pending} label={m.merge.submit} pendingLabel={m.merge.submitting} variant="danger" />
    </form>
  );
}
