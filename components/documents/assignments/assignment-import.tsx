"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import type { AssignmentState } from "@/lib/domain/assignment-import";
import { interpolate } from "@/lib/i18n/catalogue";
import type { ErrorBody } from "@/lib/server/errors";
import type { AssignmentImportResult, AssignmentPreview, PreviewChange } from "@/lib/server/assignment-import";
import type { Messages } from "@/messages/zh-CN";

type M = Messages["assignmentImport"];

const ENDPOINT = "/api/v1/assignments/import";

function isPreview(value: unknown): value is AssignmentPreview {
  return typeof value === "object" && value !== null && Array.isArray((value as AssignmentPreview).changes);
}

/**
 * Download → upload → preview (every changed task before → after, every bad row) → confirm. The file
 * stays in the browser between the two steps and is sent again with the preview's sha256 and version;
 * the server validates it afresh against the tasks as they are then before storing anything.
 */
export function AssignmentImport({
  m,
  slug,
  today,
  earliest,
  maxMegabytes,
  maxRows,
}: {
  m: M;
  slug: string;
  today: string;
  earliest: string;
  maxMegabytes: number;
  maxRows: number;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [effectiveDate, setEffectiveDate] = useState(today < earliest ? earliest : today);
  const [preview, setPreview] = useState<AssignmentPreview | null>(null);
  const [result, setResult] = useState<AssignmentImportResult | null>(null);
  const [busy, setBusy] = useState<"preview" | "commit" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const template = `/api/documents/${encodeURIComponent(slug)}/assignments/template`;

  async function send(intent: "preview" | "commit") {
    const data = new FormData();
    data.set("document", slug);
    data.set("file", file!);
    data.set("intent", intent);
    if (intent === "commit" && preview) {
      data.set("sha256", preview.sha256);
      data.set("version", preview.version);
      data.set("note", note);
      data.set("effectiveDate", effectiveDate);
    }
    const response = await fetch(ENDPOINT, { method: "POST", body: data });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { ok: response.ok, status: response.status, body };
  }

  const failure = (body: unknown, status: number) =>
    `${m.failed}（${status}）：${(body as { error?: ErrorBody } | null)?.error?.message ?? ""}`;

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setResult(null);
    setPreview(null);
    if (!file) {
      setError(m.chooseFile);
      return;
    }
    setBusy("preview");
    try {
      const { ok, status, body } = await send("preview");
      if (ok && isPreview(body)) setPreview(body);
      else setError(failure(body, status));
    } catch {
      setError(m.failed);
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!file || !preview?.canCommit) return;
    setError(null);
    setBusy("commit");
    try {
      const { ok, status, body } = await send("commit");
      if (ok) {
        setResult(body as AssignmentImportResult);
        setPreview(null);
        setFile(null);
        formRef.current?.reset();
      } else {
        setError(failure(body, status));
        const current = (body as { error?: ErrorBody } | null)?.error?.current;
        if (isPreview(current)) setPreview(current);
      }
    } catch {
      setError(m.failed);
    } finally {
      setBusy(null);
    }
  }

  const button = "rounded-md px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-50";
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

  return (
    <div className="space-y-6">
      <section aria-labelledby="assign-template" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="assign-template" className="mb-1 font-semibold">
          {m.templateHeading}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{m.templateHint}</p>
        <div className="flex flex-wrap gap-3 text-sm">
          <a
            href={`${template}?format=xlsx`}
            download
            data-testid="template-xlsx"
            className="rounded-md border border-brand-600 px-3 py-2 text-brand-700 hover:bg-brand-50"
          >
            {m.templateXlsx}
          </a>
          <a
            href={`${template}?format=csv`}
            download
            className="rounded-md border border-brand-600 px-3 py-2 text-brand-700 hover:bg-brand-50"
          >
            {m.templateCsv}
          </a>
        </div>
      </section>

      <section aria-labelledby="assign-upload" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="assign-upload" className="mb-2 font-semibold">
          {m.uploadHeading}
        </h2>
        <form ref={formRef} onSubmit={upload} aria-label={m.uploadHeading} className="space-y-3 text-sm">
          <div>
            <label htmlFor="assign-file">{interpolate(m.fileLabel, { mb: maxMegabytes, rows: maxRows })}</label>
            <input
              id="assign-file"
              name="file"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setPreview(null);
                setResult(null);
                setError(null);
              }}
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
            />
          </div>
          <button type="submit" disabled={busy !== null} className={`${button} bg-brand-600 text-white`}>
            {busy === "preview" ? m.previewing : m.preview}
          </button>
        </form>
        {busy ? (
          <p role="status" className="mt-2 text-sm text-slate-600">
            {busy === "preview" ? m.previewing : m.committing}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
            {error}
          </p>
        ) : null}
      </section>

      {result ? (
        <section
          aria-labelledby="assign-done"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm"
          data-testid="assign-result"
        >
          <p id="assign-done" role="status" className="mb-2 font-semibold text-emerald-900">
            {interpolate(m.committed, { count: result.changed })}
          </p>
          <ul className="flex flex-wrap gap-x-3 gap-y-1">
            {result.tasks.map((task) => (
              <li key={task.id}>
                <Link href={`/tasks/${task.id}`} className="text-brand-700 underline">
                  {task.number}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview ? (
        <section aria-labelledby="assign-preview" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="assign-preview" className="mb-2 font-semibold">
            {m.previewHeading}
          </h2>
          <div className="mb-3 space-y-1 text-sm" data-testid="assign-summary">
            <p>
              {interpolate(m.summary, {
                total: preview.rowCount + preview.skipped,
                changed: preview.changedCount,
                unchanged: preview.unchangedCount,
                errors: preview.errorCount,
                skipped: preview.skipped,
              })}
            </p>
            {preview.encoding ? (
              <p className="text-slate-600">
                {interpolate(m.encodingNote, { encoding: preview.encoding.toUpperCase() })}
              </p>
            ) : null}
            {preview.errorCount > 0 ? <p className="font-medium text-red-900">{m.mustFix}</p> : null}
            {preview.errorCount === 0 && preview.changedCount === 0 ? <p>{m.nothingToDo}</p> : null}
          </div>

          {preview.errors.length > 0 ? (
            <>
              <h3 className="mb-1 text-sm font-semibold text-red-900">{m.errorsHeading}</h3>
              <div className="mb-4 overflow-x-auto" tabIndex={0} role="region" aria-label={m.table.errorsCaption}>
                <table className="w-full text-sm">
                  <caption className="sr-only">{m.table.errorsCaption}</caption>
                  <thead className="bg-slate-100 text-left text-slate-700">
                    <tr>
                      <th scope="col" className="px-2 py-2 text-right whitespace-nowrap">
                        {m.table.row}
                      </th>
                      <th scope="col" className="px-2 py-2 whitespace-nowrap">
                        {m.table.number}
                      </th>
                      <th scope="col" className="px-2 py-2 whitespace-nowrap">
                        {m.table.problems}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {preview.errors.map((row) => (
                      <tr key={row.rowNumber} data-testid="assign-error-row" className="bg-red-50">
                        <td className="px-2 py-2 text-right tabular-nums">{row.rowNumber}</td>
                        <td className="px-2 py-2 whitespace-nowrap">{row.number || "—"}</td>
                        <td className="min-w-48 px-2 py-2">
                          <ul className="space-y-1 text-red-900">
                            {row.issues.map((issue, index) => (
                              <li key={index} data-column={issue.column}>
                                {issue.message}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}

          {preview.changes.length > 0 ? (
            <>
              <h3 className="mb-1 text-sm font-semibold">{m.changesHeading}</h3>
              <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.table.changesCaption}>
                <table className="w-full text-sm">
                  <caption className="sr-only">{m.table.changesCaption}</caption>
                  <thead className="bg-slate-100 text-left text-slate-700">
                    <tr>
                      <th scope="col" className="px-2 py-2 text-right whitespace-nowrap">
                        {m.table.row}
                      </th>
                      <th scope="col" className="px-2 py-2 whitespace-nowrap">
                        {m.table.task}
                      </th>
                      <th scope="col" className="px-2 py-2 whitespace-nowrap">
                        {m.table.before}
                      </th>
                      <th scope="col" className="px-2 py-2 whitespace-nowrap">
                        {m.table.after}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {preview.changes.map((change) => (
                      <ChangeRow key={change.rowNumber} change={change} m={m} />
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}

          {preview.canCommit ? (
            <div className="mt-4 space-y-3 text-sm">
              <div>
                <label htmlFor="assign-note">{m.noteLabel}</label>
                <textarea
                  id="assign-note"
                  value={note}
                  maxLength={500}
                  rows={2}
                  placeholder={m.noteHint}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  className={input}
                />
              </div>
              <div>
                <label htmlFor="assign-effective">{m.effectiveLabel}</label>
                <input
                  id="assign-effective"
                  type="date"
                  value={effectiveDate}
                  min={earliest}
                  max={today}
                  onChange={(e) => setEffectiveDate(e.currentTarget.value)}
                  className={`${input} max-w-48`}
                />
              </div>
              <button
                type="button"
                onClick={() => void commit()}
                disabled={busy !== null}
                className={`${button} bg-emerald-700 text-white`}
              >
                {busy === "commit" ? m.committing : interpolate(m.commit, { count: preview.changedCount })}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function Units({ state, m }: { state: AssignmentState; m: M }) {
  const list = (units: { name: string }[]) => (units.length ? units.map((u) => u.name).join("、") : m.noneUnit);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2">
      {(["lead", "responsible", "cooperating"] as const).map((role) => (
        <div key={role} className="contents">
          <dt className="text-slate-600">{m.roleShort[role]}</dt>
          <dd>{list(state[role])}</dd>
        </div>
      ))}
      <dt className="text-slate-600">{m.roleShort.deadline}</dt>
      <dd>{state.deadline ?? "—"}</dd>
    </dl>
  );
}

function ChangeRow({ change, m }: { change: PreviewChange; m: M }) {
  return (
    <tr data-testid="assign-change-row" data-number={change.number}>
      <td className="px-2 py-2 text-right align-top tabular-nums">{change.rowNumber}</td>
      <td className="min-w-40 px-2 py-2 align-top">
        <span className="font-medium">{change.number}</span> {change.title}
      </td>
      <td className="min-w-44 px-2 py-2 align-top">
        <Units state={change.before} m={m} />
      </td>
      <td className="min-w-44 px-2 py-2 align-top">
        <Units state={change.after} m={m} />
      </td>
    </tr>
  );
}
