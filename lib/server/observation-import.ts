import "server-only";
import { utcDay, utcMidnight } from "../domain/dates";
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import {
  cellText,
  decodeCsvBytes,
  hasErrors,
  IMPORT_COLUMNS,
  mapHeader,
  markDuplicateRows,
  observationKey,
  pairCreatedWithInputs,
  parseCsv,
  selectDataRows,
  sniffImportFile,
  typeRow,
  type Cell,
  type CsvEncoding,
  type ImportColumn,
  type ImportIssue,
  type SheetRow,
  type SourceCode,
} from "../domain/observation-import";
import { shanghaiDate } from "../domain/periods";
import { DEFAULT_LOCALE, getMessages, interpolate, type Locale } from "../i18n/catalogue";
import { msg, translate } from "../i18n/message";
import type { Prisma } from "../generated/prisma/client";
import { writeAuditMany } from "./audit";
import type { Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden } from "./errors";
import { ACTIVE_INDICATOR } from "./indicators";
import { observationInput } from "../schemas/observations";
import { listRecordableIndicatorIds } from "./observations";
import { zipRefusalError } from "./document-containers";
import { readZip, storedZip } from "./zip-archive";

/**
 * Bulk entry of indicator actual values from an xlsx or csv file: preview, then an all-or-nothing commit.
 *
 * How the commit gets its rows: the browser keeps the file it previewed and sends the same bytes again
 * with the sha256 the preview returned. The server refuses a file whose hash differs (the user confirmed
 * what they saw, not something else), then parses and validates everything again inside the commit's
 * transaction — the preview is never trusted, and nothing is kept on the server between the two steps
 * (no temp files, no signing key to manage). Any invalid row refuses the whole file; a row for an
 * indicator the actor may not record refuses it with 403.
 *
 * Audit: one entry per stored value (action observation.import, entity observation/<id>, like a single
 * entry) carrying the batch (file name, sha256, row number), so each value's history is found by its id
 * and a whole batch by its hash.
 *
 * A row repeating a current value (same indicator, date and value) is an error: re-uploading a file
 * would otherwise double every value. Another value for a date that already has one is a warning — it
 * is stored as a new value, and the indicator page's correction form is the way to replace one.
 */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;
/** What an accepted xlsx may unpack to, counted while inflating; 2 MB of compressed xml rarely exceeds 20 MB. */
export const IMPORT_MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** Serialises imports, so two identical files committed at once cannot both pass the duplicate check. */
const IMPORT_LOCK_KEY = 720_211;

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface PreviewIssue extends ImportIssue {
  /** Chinese first, English second: for API clients and logs; the page renders from its catalogue. */
  message: string;
}

export interface PreviewRow {
  rowNumber: number;
  status: "ok" | "error";
  key: string;
  indicator: { id: number; name: string; unit: string } | null;
  /** In the indicator's unit. */
  value: number | null;
  asOf: string | null;
  source: SourceCode | null;
  sourceDetail: string;
  note: string;
  issues: PreviewIssue[];
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: "xlsx" | "csv";
  encoding: CsvEncoding | null;
  rows: PreviewRow[];
  skipped: number;
  okCount: number;
  errorCount: number;
  warningCount: number;
  /** Rows for indicators the actor may not record: the commit is refused (403) while there are any. */
  forbiddenCount: number;
  canCommit: boolean;
}

export interface ImportResult {
  sha256: string;
  stored: number;
  observationIds: number[];
  indicators: { id: number; key: string; name: string; count: number }[];
}

export interface RecordableIndicator {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
}

/**
 * The indicators the actor may enter values for, for the template's pre-filled rows: only those in the
 * catalogue (ACTIVE_INDICATOR), so one a re-import retired is not offered for new values.
 */
export async function listRecordableIndicators(actor: Actor): Promise<RecordableIndicator[]> {
  const db = getDb();
  const ids = await listRecordableIndicatorIds(db, actor);
  if (ids.size === 0) return [];
  return db.indicator.findMany({
    where: { AND: [{ id: { in: [...ids] } }, ACTIVE_INDICATOR] },
    orderBy: [{ area: "asc" }, { name: "asc" }],
    select: { id: true, key: true, name: true, unit: true, area: true },
  });
}

export async function canImportObservations(actor: Actor): Promise<boolean> {
  if (actor.role === "VIEWER") return false;
  return (await listRecordableIndicatorIds(getDb(), actor)).size > 0;
}

async function assertCanImport(actor: Actor): Promise<void> {
  if (!(await canImportObservations(actor))) throw forbidden("importObservations");
}

const bad = (key: Parameters<typeof msg>[0], values?: Parameters<typeof msg>[1]) =>
  new AppError("VALIDATION", msg(key, values));

/** How a caller other than the indicator import tells its own sheet (the 分工表 import reuses this reader). */
export interface ReadOptions {
  /** Whether a sheet's first non-empty row is the header of the data sheet (default: the indicator columns). */
  isDataHeader?: (cells: Cell[]) => boolean;
  /** The data-row limit whose multiple bounds what is copied out of a sheet (default IMPORT_MAX_ROWS). */
  maxRows?: number;
}

const isObservationHeader = (cells: Cell[]) => mapHeader(cells).missing.length === 0;

/**
 * Bytes → sheet rows. The type comes from the content (magic bytes), never from the name alone. The one
 * reader for every spreadsheet upload (indicator values, the 任务分工表): size limit, xls refusal, the
 * bounded unzip, CSV encodings.
 */
export async function readImportFile(
  file: ImportFile,
  options: ReadOptions = {},
): Promise<{ format: "xlsx" | "csv"; encoding: CsvEncoding | null; rows: SheetRow[] }> {
  if (file.bytes.byteLength === 0) throw bad("errors.imports.empty");
  if (file.bytes.byteLength > IMPORT_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", msg("errors.imports.tooLarge", { mb: IMPORT_MAX_BYTES / 1024 / 1024 }));
  }
  const kind = sniffImportFile(file.bytes);
  if (kind === "xls") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", msg("errors.imports.oldXls"));
  }
  if (kind === "other") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", msg("errors.imports.unsupported"));
  }
  if (kind === "xlsx") {
    const rows = await readXlsx(
      file.bytes,
      options.isDataHeader ?? isObservationHeader,
      options.maxRows ?? IMPORT_MAX_ROWS,
    );
    return { format: "xlsx", encoding: null, rows };
  }
  const decoded = decodeCsvBytes(file.bytes);
  if (!decoded) {
    throw bad("errors.imports.encoding");
  }
  return { format: "csv", encoding: decoded.encoding, rows: parseCsv(decoded.text) };
}

async function readXlsx(
  bytes: Uint8Array,
  isDataHeader: (cells: Cell[]) => boolean,
  maxRows: number,
): Promise<SheetRow[]> {
  // Every entry verified and inflated here with a bound (zip-archive.ts); ExcelJS, which trusts whatever
  // the headers say, is given a fresh archive of exactly those entries, never the upload itself.
  const zip = await readZip(bytes, { maxUnpackedBytes: IMPORT_MAX_UNPACKED_BYTES });
  if (!zip.ok) {
    if (zip.reason === "tooLarge") {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        msg("uploads.workbookTooLarge", { mb: IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024 }),
      );
    }
    if (zip.reason === "notZip") throw new AppError("VALIDATION", msg("uploads.notWorkbook"));
    throw zipRefusalError(zip.reason, IMPORT_MAX_UNPACKED_BYTES);
  }
  const verified = storedZip(zip.entries.map((e) => ({ name: e.name, data: e.data! })));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(verified) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("VALIDATION", msg("uploads.notWorkbook"));
  }
  // The first sheet whose header names the required columns (the template's instructions sheet is not);
  // failing that the first sheet, whose header then reports what is missing.
  const sheets = workbook.worksheets.map((sheet) => sheetRows(sheet, maxRows));
  return (
    sheets.find((rows) => {
      const header = rows.find((r) => r.cells.some((c) => cellText(c) !== ""));
      return header !== undefined && isDataHeader(header.cells);
    }) ??
    sheets[0] ??
    []
  );
}

/**
 * A sheet's non-empty rows. The data-row limit is applied after untouched template rows are skipped;
 * this cap only bounds what is copied out of a sheet far beyond any acceptable file.
 */
function sheetRows(sheet: ExcelJS.Worksheet, maxRows: number): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > maxRows * 5) throw tooManyRows(maxRows);
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = xlsxCell(cell);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return rows;
}

function xlsxCell(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    // A percentage-formatted cell holds 0.985 for 98.5 %: hand it over as the text the user sees.
    if (/%/.test(cell.numFmt ?? "")) return `${Number((value * 100).toPrecision(12))}%`;
    return value;
  }
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    if (typeof result === "object" && !(result instanceof Date)) return null; // a formula error (#N/A)
    return typeof result === "number" && /%/.test(cell.numFmt ?? "")
      ? `${Number((result * 100).toPrecision(12))}%`
      : result;
  }
  return null;
}

const tooManyRows = (max = IMPORT_MAX_ROWS) => bad("errors.imports.tooManyRows", { max });

/** A row's problem in the request's language, for API clients (the page words it from code and params). */
function describeIssue(issue: ImportIssue, locale: Locale): PreviewIssue {
  const words = getMessages(locale).observationImport;
  const text = interpolate(words.issues[issue.code], issue.params ?? {});
  return {
    ...issue,
    message: translate(locale, msg("errors.imports.issue", { column: words.columns[issue.column], text })),
  };
}

type Tx = Prisma.TransactionClient;

interface Validated {
  preview: Omit<ImportPreview, "fileName" | "sha256" | "format" | "encoding">;
  /** The rows ready for storage (only meaningful when the preview has no error). */
  inputs: {
    rowNumber: number;
    indicatorId: number;
    unitScale: Prisma.Decimal;
    data: ReturnType<typeof observationInput.parse>;
  }[];
}

/** Parses and validates every row against the database as it stands in `tx`. */
async function validateRows(
  tx: Tx,
  actor: Actor,
  sheet: SheetRow[],
  today: string,
  locale: Locale,
): Promise<Validated> {
  const headerIndex = sheet.findIndex((r) => r.cells.some((c) => cellText(c) !== ""));
  if (headerIndex < 0) throw bad("errors.imports.noData");
  const { columns, missing } = mapHeader(sheet[headerIndex]!.cells);
  if (missing.length > 0) {
    const columnNames = getMessages(locale).observationImport.columns;
    const list = missing.map((c) => columnNames[c]).join(locale === "en" ? ", " : "、");
    throw bad("errors.imports.missingColumns", { columns: list });
  }
  const { rows: raw, skipped } = selectDataRows(sheet.slice(headerIndex + 1), columns);
  if (raw.length > IMPORT_MAX_ROWS) throw tooManyRows();
  if (raw.length === 0) throw bad("errors.imports.noValues");

  const keys = [...new Set(raw.map((r) => cellText(r.fields.key)).filter(Boolean))];
  const indicators = await tx.indicator.findMany({
    where: { key: { in: keys } },
    select: {
      id: true,
      key: true,
      name: true,
      unit: true,
      unitScale: true,
      mergedIntoId: true,
      mergedInto: { select: { key: true } },
    },
  });
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const recordable = await listRecordableIndicatorIds(
    tx,
    actor,
    indicators.map((i) => i.id),
  );
  const typed = raw.map((r) =>
    typeRow(r, today, (key) => {
      const indicator = byKey.get(key);
      return indicator ? { unit: indicator.unit, name: indicator.name, unitScale: Number(indicator.unitScale) } : null;
    }),
  );
  markDuplicateRows(typed);

  const found = typed.flatMap((r) => {
    const indicator = byKey.get(r.key);
    return indicator && r.asOf ? [{ indicatorId: indicator.id, asOf: r.asOf }] : [];
  });
  // Current values of each indicator, including those entered for indicators merged into it (they show
  // and count as its own), so re-importing a merged-in value is caught as a repeat too.
  const existing = found.length
    ? await tx.observation.findMany({
        where: {
          supersededBy: { is: null },
          OR: [...new Set(found.map((f) => f.indicatorId))].map((indicatorId) => ({
            OR: [{ indicatorId }, { indicator: { mergedIntoId: indicatorId } }],
            asOf: {
              in: found.filter((f) => f.indicatorId === indicatorId).map((f) => utcMidnight(f.asOf)),
            },
          })),
        },
        select: { indicatorId: true, asOf: true, value: true, indicator: { select: { mergedIntoId: true } } },
      })
    : [];
  const existingValues = new Map<string, number[]>();
  for (const e of existing) {
    const id = `${e.indicator.mergedIntoId ?? e.indicatorId}\u0000${utcDay(e.asOf)}`;
    existingValues.set(id, [...(existingValues.get(id) ?? []), Number(e.value)]);
  }

  const inputs: Validated["inputs"] = [];
  let forbiddenCount = 0;
  const rows: PreviewRow[] = typed.map((row) => {
    const issues = [...row.issues];
    const indicator = row.key ? byKey.get(row.key) : undefined;
    if (row.key && !indicator)
      issues.push({ column: "key", code: "unknownIndicator", severity: "error", params: { key: row.key } });
    else if (indicator?.mergedIntoId) {
      issues.push({
        column: "key",
        code: "mergedIndicator",
        severity: "error",
        params: { key: indicator.mergedInto?.key ?? "" },
      });
    } else if (indicator && !recordable.has(indicator.id)) {
      forbiddenCount++;
      issues.push({ column: "key", code: "notAllowed", severity: "error", params: { key: row.key } });
    }
    if (indicator && row.asOf && row.value !== null) {
      const same = existingValues.get(`${indicator.id}\u0000${row.asOf}`) ?? [];
      // Stored values have six decimals: compare at that precision.
      if (same.some((v) => Math.abs(v - row.value!) < 5e-7)) {
        issues.push({ column: "value", code: "duplicateExisting", severity: "error", params: { date: row.asOf } });
      } else if (same.length > 0) {
        issues.push({
          column: "asOf",
          code: "sameDateExisting",
          severity: "warning",
          params: { date: row.asOf, values: same.join("、") },
        });
      }
    }
    if (indicator && !issues.some((i) => i.severity === "error")) {
      // The single-entry schema is the contract for every row, too.
      const parsed = observationInput.safeParse({
        indicatorId: indicator.id,
        value: row.value,
        asOf: row.asOf,
        source: row.source,
        sourceDetail: row.sourceDetail,
        note: row.note,
      });
      if (parsed.success) {
        inputs.push({
          rowNumber: row.rowNumber,
          indicatorId: indicator.id,
          unitScale: indicator.unitScale,
          data: parsed.data,
        });
      } else {
        for (const zodIssue of parsed.error.issues) {
          const field = String(zodIssue.path[0] ?? "value");
          const column = (IMPORT_COLUMNS as readonly string[]).includes(field) ? (field as ImportColumn) : "value";
          issues.push({
            column,
            code: "invalid",
            severity: "error",
            params: { detail: translate(locale, zodIssue.message) },
          });
        }
      }
    }
    const status = hasErrors({ issues }) ? "error" : "ok";
    return {
      rowNumber: row.rowNumber,
      status,
      key: row.key,
      indicator: indicator ? { id: indicator.id, name: indicator.name, unit: indicator.unit } : null,
      value: row.value,
      asOf: row.asOf,
      source: row.source,
      sourceDetail: row.sourceDetail,
      note: row.note,
      issues: issues.map((issue) => describeIssue(issue, locale)),
    };
  });
  const errorCount = rows.filter((r) => r.status === "error").length;
  return {
    preview: {
      rows,
      skipped,
      okCount: rows.length - errorCount,
      errorCount,
      warningCount: rows.filter((r) => r.issues.some((i) => i.severity === "warning")).length,
      forbiddenCount,
      canCommit: errorCount === 0,
    },
    inputs,
  };
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads and validates a file without writing anything. */
export async function previewObservationImport(
  actor: Actor,
  file: ImportFile,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<ImportPreview> {
  await assertCanImport(actor);
  const read = await readImportFile(file);
  const { preview } = await validateRows(getDb(), actor, read.rows, shanghaiDate(now), locale);
  return {
    fileName: file.name,
    sha256: sha256Of(file.bytes),
    format: read.format,
    encoding: read.encoding,
    ...preview,
  };
}

/**
 * Stores every row of the file, or none: the same file the preview saw (by sha256), validated again in
 * the transaction that writes it.
 */
export async function commitObservationImport(
  actor: Actor,
  file: ImportFile,
  expectedSha256: string,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<ImportResult> {
  await assertCanImport(actor);
  const sha256 = sha256Of(file.bytes);
  if (sha256 !== expectedSha256.toLowerCase()) {
    throw new AppError("CONFLICT", msg("errors.imports.changedSincePreview"));
  }
  const read = await readImportFile(file);
  const today = shanghaiDate(now);
  return getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY}::bigint)::text AS locked`;
      const { preview, inputs } = await validateRows(tx, actor, read.rows, today, locale);
      if (preview.forbiddenCount > 0) {
        throw new AppError("FORBIDDEN", msg("errors.imports.forbiddenRows", { count: preview.forbiddenCount }), {
          current: { fileName: file.name, sha256, format: read.format, encoding: read.encoding, ...preview },
        });
      }
      if (!preview.canCommit) {
        throw new AppError("VALIDATION", msg("errors.imports.invalidRows", { count: preview.errorCount }), {
          current: { fileName: file.name, sha256, format: read.format, encoding: read.encoding, ...preview },
        });
      }
      const returned = await tx.observation.createManyAndReturn({
        data: inputs.map(({ indicatorId, unitScale, data }) => ({
          indicatorId,
          value: data.value,
          normalizedValue: unitScale.times(data.value),
          asOf: utcMidnight(data.asOf),
          source: data.source,
          sourceDetail: data.sourceDetail || null,
          note: data.note || null,
          enteredById: actor.id,
        })),
        select: { id: true, indicatorId: true, value: true, normalizedValue: true, asOf: true, source: true },
      });
      // RETURNING order is not guaranteed: pair each row with its input by indicator and date (unique in a
      // valid file) so every audit entry names its own row of the file.
      const created = pairCreatedWithInputs(
        inputs,
        returned,
        (input) => observationKey(input.indicatorId, input.data.asOf),
        (row) => observationKey(row.indicatorId, utcDay(row.asOf)),
      );
      await writeAuditMany(
        tx,
        actor,
        created.map((row, index) => ({
          action: "observation.import",
          entityType: "observation",
          entityId: row.id,
          after: {
            id: row.id,
            indicatorId: row.indicatorId,
            value: Number(row.value),
            normalizedValue: Number(row.normalizedValue),
            asOf: utcDay(row.asOf),
            source: row.source,
            sourceDetail: inputs[index]!.data.sourceDetail || null,
            note: inputs[index]!.data.note || null,
            batch: { fileName: file.name, sha256, row: inputs[index]!.rowNumber, rows: inputs.length },
          },
        })),
      );
      const counts = new Map<number, number>();
      for (const row of created) counts.set(row.indicatorId, (counts.get(row.indicatorId) ?? 0) + 1);
      const names = new Map(preview.rows.flatMap((r) => (r.indicator ? [[r.indicator.id, r] as const] : [])));
      return {
        sha256,
        stored: created.length,
        observationIds: created.map((r) => r.id),
        indicators: [...counts].map(([id, count]) => ({
          id,
          key: names.get(id)?.key ?? "",
          name: names.get(id)?.indicator?.name ?? "",
          count,
        })),
      };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
