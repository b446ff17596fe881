"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent } from "react";
import { mergeIndicatorAction, searchMergeCandidatesAction } from "@/lib/actions/indicator-admin";
import { sameUnit } from "@/lib/domain/indicator-admin";
import { interpolate } from "@/lib/i18n/catalogue";
import type { ErrorBody } from "@/lib/server/errors";
import { Field, fieldErrorsOf, FormMessage, inputClass, SubmitButton } from "@/components/ui/form";
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

/** How long the search waits after the last keystroke before asking the server. */
const SEARCH_DELAY_MS = 250;

/**
 * Merge this indicator into another: a search (on the server, limited: there may be thousands of
 * indicators), a choice, a preview of what moves, a confirmation.
 */
export function IndicatorMergeForm({
  source,
  initialCandidates,
  m,
}: {
  source: MergeSource;
  /** Without a search: the indicators of the source's area. */
  initialCandidates: { items: MergeCandidate[]; more: boolean };
  m: IndicatorAdminText;
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState(initialCandidates);
  const [searching, setSearching] = useState(false);
  const [target, setTarget] = useState<MergeCandidate | null>(null);
  const latestSearch = useRef(0);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);

  function onSearch(value: string) {
    setQuery(value);
    clearTimeout(searchTimer.current);
    const search = ++latestSearch.current;
    const q = value.trim();
    if (!q) {
      setFound(initialCandidates);
      setSearching(false);
      return;
    }
    setSearching(true);
    searchTimer.current = setTimeout(() => {
      void searchMergeCandidatesAction({ sourceId: source.id, q })
        .then((result) => {
          // An answer to an older search arriving late must not replace the newer one.
          if (search !== latestSearch.current) return;
          if (result.ok) setFound(result.data);
          else setError(result.error);
        })
        .catch(() => undefined) // offline: the list stays as it was; typing again retries
        .finally(() => {
          if (search === latestSearch.current) setSearching(false);
        });
    }, SEARCH_DELAY_MS);
  }

  // The chosen one stays in the list while the search changes.
  const shown = useMemo(
    () => (target && !found.items.some((c) => c.id === target.id) ? [target, ...found.items] : found.items),
    [found, target],
  );
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
      {error ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      <Field id="merge-search" label={m.merge.search}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={query}
            onChange={(event) => onSearch(event.target.value)}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="merge-target" label={m.merge.target} errors={errors.targetId}>
        {(control) => (
          <select
            {...control}
            name="targetId"
            value={target ? String(target.id) : ""}
            onChange={(event) => setTarget(shown.find((c) => String(c.id) === event.target.value) ?? null)}
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
      <p className="text-sm text-slate-600" aria-live="polite">
        {searching
          ? m.merge.searching
          : found.more
            ? interpolate(m.merge.more, { count: found.items.length })
            : query.trim()
              ? null
              : m.merge.sameArea}
      </p>
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
