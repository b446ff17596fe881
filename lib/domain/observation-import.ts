/**
 * Bulk entry of indicator actual values from a spreadsheet: the pure part (no database, no file I/O).
 * Cells in, typed values or issue codes out; the server module (lib/server/observation-import.ts)
 * reads the file, looks the indicators up and authorizes.
 *
 * Decisions written down once:
 * - Numbers: plain (185000, -3.5), with thousands separators in groups of three (185,000, 185，000,
 *   185 000), full-width digits, Excel's scientific notation (1.85E+05), and a trailing magnitude
 *   万 / 亿 / 万亿 (18.5万 = 185000), because the documents write figures that way. A magnitude is refused
 *   when the indicator's own unit already carries one (unit 万个 and "18.5万" is ambiguous). A trailing %
 *   is accepted only for indicators measured in %. Anything else ("约18万", "18万以上", "1,85") is an
 *   error, never a guess.
 * - Values follow the one rule of lib/domain/indicator-values.ts (finite, plausible magnitude, % within
 *   0–100, no negative counts), like the single-value form and the API.
 * - Dates: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 and real date cells; a day that does not exist,
 *   lies before the window of lib/domain/dates.ts (2000-01-01) or after today (Asia/Shanghai) is an error.
 * - Source: the Chinese label (统计公报/部门报送/政策文件/其他), the English label or the enum code.
 * - Row numbers are the spreadsheet's own (the header is row 1), so a user finds the row in Excel.
 * - Rows with nothing in them are skipped; so are the template's pre-filled rows (indicator key, name,
 *   unit) where nothing was entered. A row with a date or source but no value is an error.
 * - Two rows for the same indicator and date in one file are an error (they contradict or repeat).
 */
import { checkDate, utcDay } from "./dates";
import { checkIndicatorValue, type ValueProblem, type ValueSubject } from "./indicator-values";

export const IMPORT_COLUMNS = ["key", "name", "unit", "value", "asOf", "source", "sourceDetail", "note"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The template's header (Chinese, as written into the file) and the other spellings a header may take. */
export const COLUMN_HEADERS: Record<ImportColumn, { zh: string; aliases: string[] }> = {
  key: { zh: "指标编号", aliases: ["key", "indicator key", "indicator", "指标代码", "指标key"] },
  name: { zh: "指标名称", aliases: ["name", "indicator name", "指标"] },
  unit: { zh: "单位", aliases: ["unit", "计量单位"] },
  value: { zh: "数值", aliases: ["value", "实际值", "值"] },
  asOf: { zh: "统计时点", aliases: ["asof", "as of", "date", "日期", "统计日期", "截至日期"] },
  source: { zh: "来源", aliases: ["source", "数据来源"] },
  sourceDetail: { zh: "来源说明", aliases: ["source detail", "sourcedetail", "来源详情"] },
  note: { zh: "备注", aliases: ["note", "notes", "说明"] },
};

export const REQUIRED_COLUMNS: ImportColumn[] = ["key", "value", "asOf", "source"];

export const SOURCE_CODES = ["STATISTICAL_BULLETIN", "DEPARTMENT_REPORT", "DOCUMENT", "OTHER"] as const;
export type SourceCode = (typeof SOURCE_CODES)[number];

export const SOURCE_LABELS: Record<SourceCode, { zh: string; en: string }> = {
  STATISTICAL_BULLETIN: { zh: "统计公报", en: "Statistical bulletin" },
  DEPARTMENT_REPORT: { zh: "部门报送", en: "Department report" },
  DOCUMENT: { zh: "政策文件", en: "Policy document" },
  OTHER: { zh: "其他", en: "Other" },
};

/** A cell as the readers hand it over: text, a number, a real date cell, or nothing. */
export type Cell = string | number | boolean | Date | null;

export type IssueCode =
  | "keyRequired"
  | "unknownIndicator"
  | "mergedIndicator"
  | "notAllowed"
  | "valueRequired"
  | "notANumber"
  | "ambiguousDecimalComma"
  | "percentNotAllowed"
  | "magnitudeAmbiguous"
  | "outOfRange"
  | "valueNegative"
  | "valueOutOfBounds"
  | "dateRequired"
  | "dateFormat"
  | "dateInvalid"
  | "dateTooEarly"
  | "dateFuture"
  | "sourceRequired"
  | "sourceUnknown"
  | "tooLong"
  | "duplicateInFile"
  | "duplicateExisting"
  | "sameDateExisting"
  | "invalid";

export interface ImportIssue {
  column: ImportColumn;
  code: IssueCode;
  severity: "error" | "warning";
  params?: Record<string, string | number>;
}

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: IssueCode; params?: Record<string, string | number> };

const FULL_WIDTH = /[\uff01-\uff5e]/g;
/** Full-width ASCII (１２３．５，％) → ASCII; ideographic and no-break spaces → plain spaces. */
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u2009\u202f]/g, " ")
    .replace(/[\u2212\u2013]/g, "-");
}

export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : utcDay(cell);
  return String(cell).trim();
}

export const isBlank = (cell: Cell) => cellText(cell) === "";

const MAGNITUDES: [suffix: string, exponent: number][] = [
  ["万亿", 12],
  ["亿", 8],
  ["万", 4],
];
const unitHasMagnitude = (unit: string) => /^(万|亿|百万|千万)/.test(unit.trim());
const PLAIN = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$/;

/** A value in the indicator's unit (see the decisions above). */
export function parseNumberCell(cell: Cell, unit: string): Parsed<number> {
  if (typeof cell === "number")
    return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, code: "notANumber" };
  let text = toHalfWidth(cellText(cell)).trim();
  if (text === "") return { ok: false, code: "valueRequired" };
  let exponent = 0;
  if (text.endsWith("%")) {
    if (unit.trim() !== "%") return { ok: false, code: "percentNotAllowed", params: { unit } };
    text = text.slice(0, -1).trim();
  }
  for (const [suffix, power] of MAGNITUDES) {
    if (text.endsWith(suffix)) {
      if (unitHasMagnitude(unit) || unit.trim() === "%")
        return { ok: false, code: "magnitudeAmbiguous", params: { unit } };
      exponent = power;
      text = text.slice(0, -suffix.length).trim();
      break;
    }
  }
  // A comma followed by other than three digits is a decimal comma (1,85) or a typo: never guess.
  if (/^[+-]?\d+,\d{1,2}$/.test(text) || /^[+-]?\d+,\d{4,}$/.test(text))
    return { ok: false, code: "ambiguousDecimalComma" };
  let digits: string;
  if (PLAIN.test(text)) digits = text;
  else if (GROUPED.test(text)) digits = text.replace(/[, ]/g, "");
  else return { ok: false, code: "notANumber" };
  // Shifting the exponent in the literal keeps 1.4万亿 exact (1.4e12), where 1.4 × 1e12 would not be.
  const value = exponent === 0 ? Number(digits) : Number(`${digits}e${exponent}`);
  if (!Number.isFinite(value)) return { ok: false, code: "notANumber" };
  if (Math.abs(value) > 1e15) return { ok: false, code: "outOfRange" };
  return { ok: true, value: exponent === 0 ? value : Number(value.toPrecision(15)) };
}

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** A calendar date, YYYY-MM-DD, not after `today` (a Shanghai calendar date). */
export function parseDateCell(cell: Cell, today: string): Parsed<string> {
  let iso: string | null = null;
  if (cell instanceof Date) {
    // Spreadsheet date cells arrive as midnight UTC of the calendar day.
    if (Number.isNaN(cell.getTime())) return { ok: false, code: "dateInvalid" };
    iso = utcDay(cell);
  } else {
    const text = toHalfWidth(cellText(cell))
      .replace(/\s+/g, "")
      .replace(/T?00:00(:00(\.0+)?)?Z?$/, "");
    if (text === "") return { ok: false, code: "dateRequired" };
    for (const pattern of DATE_PATTERNS) {
      const match = pattern.exec(text);
      if (match) {
        iso = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
        break;
      }
    }
    if (iso === null) return { ok: false, code: "dateFormat" };
  }
  const check = checkDate(iso, today);
  // Later than the window is later than today too: "after today" is the sharper message for a value.
  if (!check.ok && check.code !== "dateTooLate") {
    return check.code === "dateTooEarly"
      ? { ok: false, code: "dateTooEarly", params: { date: iso, min: check.params.min } }
      : { ok: false, code: "dateInvalid", params: { date: iso } };
  }
  if (iso > today) return { ok: false, code: "dateFuture", params: { date: iso, today } };
  return { ok: true, value: iso };
}

const SOURCE_LOOKUP = new Map<string, SourceCode>(
  SOURCE_CODES.flatMap((code) => [
    [code.toLowerCase(), code] as const,
    [SOURCE_LABELS[code].zh, code] as const,
    [SOURCE_LABELS[code].en.toLowerCase(), code] as const,
  ]),
);

export function parseSourceCell(cell: Cell): Parsed<SourceCode> {
  const text = toHalfWidth(cellText(cell)).trim();
  if (text === "") return { ok: false, code: "sourceRequired" };
  const code = SOURCE_LOOKUP.get(text.toLowerCase().replace(/\s+/g, text.includes("_") ? "" : " "));
  return code ? { ok: true, value: code } : { ok: false, code: "sourceUnknown", params: { text: text.slice(0, 40) } };
}

const normaliseHeader = (text: string) =>
  toHalfWidth(text)
    .toLowerCase()
    .replace(/[*＊]/g, "")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[_\s]+/g, " ")
    .trim();

const HEADER_LOOKUP = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) =>
    [COLUMN_HEADERS[column].zh, column, ...COLUMN_HEADERS[column].aliases].map(
      (label) => [normaliseHeader(label), column] as const,
    ),
  ),
);

/**
 * Which column index holds which field, from the header row. Headers are matched by the template's
 * Chinese label, the field code or a common English/Chinese alias; unknown columns are ignored.
 */
export function mapHeader(header: Cell[]): { columns: Partial<Record<ImportColumn, number>>; missing: ImportColumn[] } {
  const columns: Partial<Record<ImportColumn, number>> = {};
  header.forEach((cell, index) => {
    const text = normaliseHeader(cellText(cell));
    // "数值 value" or "指标编号 key": a bilingual header matches by either half.
    const column = HEADER_LOOKUP.get(text) ?? HEADER_LOOKUP.get(text.split(" ")[0] ?? "");
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return { columns, missing: REQUIRED_COLUMNS.filter((c) => columns[c] === undefined) };
}

export interface SheetRow {
  /** The spreadsheet's row number (header = 1). */
  rowNumber: number;
  cells: Cell[];
}

/** A data row, its fields picked out by the header; untyped yet. */
export interface RawImportRow {
  rowNumber: number;
  fields: Record<ImportColumn, Cell>;
}

/**
 * Data rows worth validating: blank rows and untouched template rows (only key, name, unit filled)
 * are dropped and counted as skipped.
 */
export function selectDataRows(
  rows: SheetRow[],
  columns: Partial<Record<ImportColumn, number>>,
): { rows: RawImportRow[]; skipped: number } {
  const result: RawImportRow[] = [];
  let skipped = 0;
  for (const row of rows) {
    const fields = Object.fromEntries(
      IMPORT_COLUMNS.map((column) => {
        const index = columns[column];
        return [column, index === undefined ? null : (row.cells[index] ?? null)];
      }),
    ) as Record<ImportColumn, Cell>;
    const entered = (["value", "asOf", "source", "sourceDetail", "note"] as const).some((c) => !isBlank(fields[c]));
    if (!entered) {
      skipped++;
      continue;
    }
    result.push({ rowNumber: row.rowNumber, fields });
  }
  return { rows: result, skipped };
}

export interface TypedImportRow {
  rowNumber: number;
  key: string;
  value: number | null;
  asOf: string | null;
  source: SourceCode | null;
  sourceDetail: string;
  note: string;
  issues: ImportIssue[];
}

export const SOURCE_DETAIL_MAX = 200;
export const NOTE_MAX = 1000;

const error = (column: ImportColumn, parsed: { code: IssueCode; params?: Record<string, string | number> }) => ({
  column,
  code: parsed.code,
  severity: "error" as const,
  ...(parsed.params ? { params: parsed.params } : {}),
});

/** The import's issue code for a value the rule of lib/domain/indicator-values.ts refuses. */
const boundedCode = (code: ValueProblem): IssueCode =>
  code === "valueTooLarge" ? "outOfRange" : code === "valueNotFinite" ? "notANumber" : code;

/**
 * Types one row's cells. `indicatorOf` gives the indicator for a key (null when unknown): its unit, or
 * its unit, name and scale, by which the value is bounded (lib/domain/indicator-values.ts).
 */
export function typeRow(
  row: RawImportRow,
  today: string,
  indicatorOf: (key: string) => ValueSubject | string | null,
): TypedImportRow {
  const issues: ImportIssue[] = [];
  // Exactly as written: keys of indicators named after the documents carry full-width brackets, （%）.
  const key = cellText(row.fields.key);
  if (key === "") issues.push(error("key", { code: "keyRequired" }));
  const found = key ? indicatorOf(key) : null;
  const subject: ValueSubject | null = typeof found === "string" ? { unit: found, name: "", unitScale: 1 } : found;
  const unit = subject?.unit ?? null;
  let value: number | null = null;
  // Without a known indicator its unit is unknown, so % and 万 cannot be judged: only plain numbers pass.
  const number = parseNumberCell(row.fields.value, unit ?? "");
  if (number.ok) {
    const bounded = subject ? checkIndicatorValue(number.value, subject) : { ok: true as const };
    if (bounded.ok) value = number.value;
    else issues.push(error("value", { code: boundedCode(bounded.code), params: bounded.params }));
  } else if (unit !== null || !["percentNotAllowed", "magnitudeAmbiguous"].includes(number.code)) {
    issues.push(error("value", number));
  }
  const date = parseDateCell(row.fields.asOf, today);
  const asOf = date.ok ? date.value : null;
  if (!date.ok) issues.push(error("asOf", date));
  const source = parseSourceCell(row.fields.source);
  if (!source.ok) issues.push(error("source", source));
  const sourceDetail = cellText(row.fields.sourceDetail);
  if (sourceDetail.length > SOURCE_DETAIL_MAX) {
    issues.push(error("sourceDetail", { code: "tooLong", params: { max: SOURCE_DETAIL_MAX } }));
  }
  const note = cellText(row.fields.note);
  if (note.length > NOTE_MAX) issues.push(error("note", { code: "tooLong", params: { max: NOTE_MAX } }));
  return {
    rowNumber: row.rowNumber,
    key,
    value,
    asOf,
    source: source.ok ? source.value : null,
    sourceDetail,
    note,
    issues,
  };
}

/** Second and later rows for the same indicator and date get an error naming the first one. */
export function markDuplicateRows(rows: TypedImportRow[]): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.key || !row.asOf) continue;
    const id = `${row.key}\u0000${row.asOf}`;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, row.rowNumber);
    else row.issues.push(error("asOf", { code: "duplicateInFile", params: { row: seen } }));
  }
}

export const hasErrors = (row: { issues: ImportIssue[] }) => row.issues.some((i) => i.severity === "error");

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); the delimiter is guessed from the first line. */
export function parseCsv(text: string): SheetRow[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [",", "\t", ";"].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = () => {
    cells.push(field === "" ? null : field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push({ rowNumber: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) endField();
    else if (ch === "\r" && body[i + 1] === "\n") continue;
    else if (ch === "\n" || ch === "\r") {
      endRow();
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== "" || cells.length > 0) endRow();
  // A formula-neutralising apostrophe written by our own exports is not part of the text.
  return rows.map((row) => ({
    rowNumber: row.rowNumber,
    cells: row.cells.map((c) => (typeof c === "string" && /^'[=+\-@]/.test(c) ? c.slice(1) : c)),
  }));
}

export type CsvEncoding = "utf-8" | "gb18030" | "utf-16";

/**
 * UTF-8 (with or without BOM) first; bytes that are not valid UTF-8 are read as GB18030 (WPS/Excel on
 * Chinese Windows). A UTF-16 byte-order mark (Excel's "Unicode text", tab-separated) is honoured.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } | null {
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? "utf-16le" : startsWith(bytes, [0xfe, 0xff]) ? "utf-16be" : null;
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: "utf-16" };
    } catch {
      return null;
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    try {
      return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
    } catch {
      return null;
    }
  }
}

export type ImportFileKind = "xlsx" | "xls" | "csv" | "other";

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The file's kind from its first bytes, whatever its name says. */
export function sniffImportFile(bytes: Uint8Array): ImportFileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  // UTF-16 text is full of zero bytes: its byte-order mark tells it from binary.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "csv";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return "other";
  let control = 0;
  for (const b of head) if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  return control > head.length * 0.01 ? "other" : "csv";
}

/**
 * What identifies a stored value within one import: its indicator and date (two rows for the same pair
 * refuse the file, see markDuplicateRows). The value is left out: the database rounds it to six decimals.
 */
export const observationKey = (indicatorId: number, asOf: string) => `${indicatorId}\u0000${asOf}`;

/**
 * The created rows in the order of the inputs they were made from, matched by key: the order in which a
 * database returns rows from a multi-row INSERT … RETURNING is not guaranteed, so position proves nothing.
 * Throws when a row cannot be matched (the batch's audit would be wrong).
 */
export function pairCreatedWithInputs<I, C>(
  inputs: readonly I[],
  created: readonly C[],
  keyOfInput: (input: I) => string,
  keyOfCreated: (row: C) => string,
): C[] {
  const byKey = new Map<string, C[]>();
  for (const row of created) {
    const key = keyOfCreated(row);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const paired = inputs.map((input) => {
    const row = byKey.get(keyOfInput(input))?.shift();
    if (row === undefined) throw new Error("a stored value matches none of the file's rows");
    return row;
  });
  if (created.length !== inputs.length) throw new Error("the stored values do not match the file's rows");
  return paired;
}
