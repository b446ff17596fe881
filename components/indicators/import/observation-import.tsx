"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import type { ImportIssue } from "@/lib/domain/observation-import";
import { formatNumber, interpolate, type Locale } from "@/lib/i18n/catalogue";
import type { ErrorBody } from "@/lib/server/errors";
import type { ImportPreview, ImportResult, PreviewRow } from "@/lib/server/observation-import";
import type { Messages } from "@/messages/zh-CN";

type M = Messages["observationImport"];
type Sources = Messages["observations"]["sources"];

const ENDPOINT = "/api/indicators/observations/import";
const TEMPLATE = "/api/indicators/observations/template";

function isPreview(value: unknown): value is ImportPreview {
  return typeof value === "object" && value !== null && Array.isArray((value as ImportPreview).rows);
}

/**
 * Upload → preview (every row's status) → confirm. The file stays in the browser between the two steps
 * and is sent again with the preview's sha256; the server validates it afresh before storing anything.
 */
export function ObservationImport({
  m,
  sources,
  locale,
  maxMegabytes,
  maxRows,
}: {
  m: M;
  sources: Sources;
  locale: Locale;
  maxMegabytes: number;
  maxRows: number;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<"preview" | "commit" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function send(intent: "preview" | "commit"): Promise<{ ok: boolean; status: number; body: unknown }> {
    const data = new FormData();
    data.set("file", file!);
    data.set("intent", intent);
    if (intent === "commit" && preview) data.set("sha256", preview.sha256);
    const response = await fetch(ENDPOINT, { method: "POST", body: data });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { ok: response.ok, status: response.status, body };
  }

  function failure(body: unknown, status: number): string {
    const message = (body as { error?: ErrorBody } | null)?.error?.message;
    return `${m.failed}（${status}）：${message ?? ""}`;
  }

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
      setError(`${m.failed}`);
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
        setResult(body as ImportResult);
        setPreview(null);
        setFile(null);
        formRef.current?.reset();
      } else {
        setError(failure(body, status));
        // A refused commit carries the rows as they stand now.
        const current = (body as { error?: ErrorBody } | null)?.error?.current;
        if (isPreview(current)) setPreview(current);
      }
    } catch {
      setError(m.failed);
    } finally {
      setBusy(null);
    }
  }

  const issueText = (issue: ImportIssue) =>
    `${m.columns[issue.column]}：${interpolate(m.issues[issue.code], issue.params)}`;
  const button = "rounded-md px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-50";

  return (
    <div className="space-y-6">
      <section aria-labelledby="import-template" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="import-template" className="mb-1 font-semibold">
          {m.templateHeading}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{m.templateHint}</p>
        <div className="flex flex-wrap gap-3 text-sm">
          <a
            href={`${TEMPLATE}?format=xlsx`}
            download
            className="rounded-md border border-brand-600 px-3 py-2 text-brand-700 hover:bg-brand-50"
          >
            {m.templateXlsx}
          </a>
          <a
            href={`${TEMPLATE}?format=csv`}
            download
            className="rounded-md border border-brand-600 px-3 py-2 text-brand-700 hover:bg-brand-50"
          >
            {m.templateCsv}
          </a>
        </div>
      </section>

      <section aria-labelledby="import-upload" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="import-upload" className="mb-2 font-semibold">
          {m.uploadHeading}
        </h2>
        <form ref={formRef} onSubmit={upload} aria-label={m.uploadHeading} className="space-y-3 text-sm">
          <div>
            <label htmlFor="import-file">{interpolate(m.fileLabel, { mb: maxMegabytes, rows: maxRows })}</label>
            <input
              id="import-file"
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
          aria-labelledby="import-done"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm"
          data-testid="import-result"
        >
          <p id="import-done" role="status" className="mb-2 font-semibold text-emerald-900">
            {interpolate(m.committed, { count: formatNumber(locale, result.stored) })}
          </p>
          <ul className="list-disc space-y-1 pl-5">
            {result.indicators.map((i) => (
              <li key={i.id}>
                <Link href={`/indicators/${i.id}`} className="text-brand-700 underline">
                  {interpolate(m.committedIndicator, { name: i.name, count: i.count })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview ? (
        <section aria-labelledby="import-preview" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="import-preview" className="mb-2 font-semibold">
            {m.previewHeading}
          </h2>
          <div className="mb-3 space-y-1 text-sm" data-testid="import-summary">
            <p>
              {interpolate(m.summary, {
                total: preview.rows.length + preview.skipped,
                ok: preview.okCount,
                errors: preview.errorCount,
                skipped: preview.skipped,
              })}
            </p>
            {preview.warningCount > 0 ? <p>{interpolate(m.warningsNote, { count: preview.warningCount })}</p> : null}
            {preview.encoding ? (
              <p className="text-slate-600">
                {interpolate(m.encodingNote, { encoding: preview.encoding.toUpperCase() })}
              </p>
            ) : null}
            {preview.forbiddenCount > 0 ? (
              <p className="font-medium text-red-900">
                {interpolate(m.forbiddenNote, { count: preview.forbiddenCount })}
              </p>
            ) : null}
            {!preview.canCommit ? <p className="font-medium text-red-900">{m.mustFix}</p> : null}
          </div>
          {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={m.table.caption}>
            <table className="w-full text-sm">
              <caption className="sr-only">{m.table.caption}</caption>
              <thead className="bg-slate-100 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap text-right">
                    {m.table.row}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap">
                    {m.table.status}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap">
                    {m.table.problems}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap">
                    {m.table.indicator}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap text-right">
                    {m.table.value}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap">
                    {m.table.asOf}
                  </th>
                  <th scope="col" className="px-2 py-2 whitespace-nowrap">
                    {m.table.source}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {preview.rows.map((row) => (
                  <PreviewTableRow
                    key={row.rowNumber}
                    row={row}
                    m={m}
                    sources={sources}
                    locale={locale}
                    issueText={issueText}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => void commit()}
              disabled={!preview.canCommit || busy !== null}
              className={`${button} bg-emerald-700 text-white`}
            >
              {busy === "commit" ? m.committing : interpolate(m.commit, { count: preview.okCount })}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function PreviewTableRow({
  row,
  m,
  sources,
  locale,
  issueText,
}: {
  row: PreviewRow;
  m: M;
  sources: Sources;
  locale: Locale;
  issueText: (issue: ImportIssue) => string;
}) {
  const error = row.status === "error";
  const warning = !error && row.issues.length > 0;
  return (
    <tr
      data-testid="import-row"
      data-status={row.status}
      className={error ? "bg-red-50" : warning ? "bg-amber-50" : undefined}
    >
      <td className="px-2 py-2 text-right tabular-nums">{row.rowNumber}</td>
      <td className="px-2 py-2 whitespace-nowrap">
        {/* The status is written out: colour only repeats it. */}
        <span
          className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${
            error
              ? "bg-red-100 text-red-900"
              : warning
                ? "bg-amber-100 text-amber-900"
                : "bg-emerald-100 text-emerald-900"
          }`}
        >
          {error ? `✗ ${m.status.error}` : warning ? `! ${m.status.warning}` : `✓ ${m.status.ok}`}
        </span>
      </td>
      <td className="min-w-48 px-2 py-2">
        {row.issues.length ? (
          <ul className="space-y-1">
            {row.issues.map((issue, index) => (
              <li
                key={index}
                data-column={issue.column}
                className={issue.severity === "error" ? "text-red-900" : "text-amber-900"}
              >
                {issueText(issue)}
              </li>
            ))}
          </ul>
        ) : (
          "—"
        )}
      </td>
      <td className="min-w-40 px-2 py-2">
        {row.indicator ? (
          <>
            <span>{row.indicator.name}</span>
            <span className="block text-xs text-slate-700">{row.key}</span>
          </>
        ) : (
          interpolate(m.unknownIndicatorName, { key: row.key || "—" })
        )}
      </td>
      <td className="px-2 py-2 text-right whitespace-nowrap tabular-nums">
        {row.value === null ? "—" : `${formatNumber(locale, row.value)} ${row.indicator?.unit ?? ""}`}
      </td>
      <td className="px-2 py-2 whitespace-nowrap tabular-nums">{row.asOf ?? "—"}</td>
      <td className="px-2 py-2 whitespace-nowrap">{row.source ? sources[row.source] : "—"}</td>
    </tr>
  );
}
