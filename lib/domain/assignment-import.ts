/**
 * The 任务分工表 (task-division table) round trip: the pure part — columns, cell parsing, unit lookup with
 * suggestions, the per-row rules and the preview's before → after. No database, no file I/O: the server
 * module (lib/server/assignment-import.ts) reads the file with the indicator import's reader, loads the
 * document's tasks and the registry in a few set-based queries, and writes through applyAssignment.
 *
 * Decisions written down once:
 * - A row is one task, found by its 编号 within the chosen document (exactly as the document numbers it;
 *   full-width digits and surrounding spaces are tolerated). A number the document does not have, or one
 *   that two rows of the file both name, is an error.
 * - The three unit columns hold the task's whole assignment after the upload: what a cell lists replaces
 *   what the role had (an empty 配合单位 cell removes the cooperating units). Units are separated by
 *   、，,；; / or line breaks.
 * - A row that changes a task must name a lead unit (one repeating the current assignment need not).
 * - A row whose three unit cells and 完成时限 are all empty is skipped (an untouched template row); to take
 *   every unit off a task, use the task's page — a blank row never deletes anything.
 * - A unit is found by its registry name, short name or alias (a renamed unit's old name is an alias), with
 *   or without the 省 prefix. An unknown name is an error naming up to three closest registry names; a
 *   unit is never created by an upload. One unit in two roles of a row is an error.
 * - 完成时限 is a date (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or a date cell; YYYY年M月 and YYYY年 mean the
 *   month's / year's last day) inside the document's period; a blank takes an assigned deadline off. A
 *   task whose text gives milestones keeps them: the template shows the text's last date, and a different
 *   date there is an error saying so; the same date (or a blank) is fine.
 * - A row equal to the task's current assignment is unchanged: counted, not listed.
 */
import { daysInMonth, isCalendarDate, utcDay } from "./dates";
import { cellText, toHalfWidth, type Cell } from "./observation-import";

export const ASSIGNMENT_COLUMNS = [
  "number",
  "title",
  "source",
  "lead",
  "responsible",
  "cooperating",
  "deadline",
  "note",
] as const;
export type AssignmentColumn = (typeof ASSIGNMENT_COLUMNS)[number];
export const UNIT_ROLES = ["lead", "responsible", "cooperating"] as const;
export type UnitRoleColumn = (typeof UNIT_ROLES)[number];

/** The template's header (Chinese, as written into the file) and other spellings a header may take. */
export const ASSIGNMENT_HEADERS: Record<AssignmentColumn, { zh: string; aliases: string[] }> = {
  number: { zh: "编号", aliases: ["number", "no", "no.", "task number", "任务编号", "序号"] },
  title: { zh: "标题", aliases: ["title", "headline", "任务", "任务名称", "重点任务"] },
  source: { zh: "原文单位", aliases: ["source units", "units in the text", "原文"] },
  lead: { zh: "牵头单位", aliases: ["lead", "lead units", "牵头部门"] },
  responsible: { zh: "责任单位", aliases: ["responsible", "responsible units", "责任部门"] },
  cooperating: { zh: "配合单位", aliases: ["cooperating", "cooperating units", "配合部门", "参与单位"] },
  deadline: { zh: "完成时限", aliases: ["deadline", "due", "完成时间", "时限"] },
  note: { zh: "备注", aliases: ["note", "notes", "说明"] },
};

export const REQUIRED_ASSIGNMENT_COLUMNS: AssignmentColumn[] = ["number", "lead"];

export type AssignmentIssueCode =
  | "numberRequired"
  | "unknownTask"
  | "duplicateTask"
  | "retiredTask"
  | "unknownUnit"
  | "retiredUnit"
  | "unitInTwoRoles"
  | "leadRequired"
  | "deadlineFormat"
  | "deadlineOutsidePeriod"
  | "deadlineFromText"
  | "noteTooLong"
  | "tooManyUnits"
  | "invalid";

export interface AssignmentIssue {
  column: AssignmentColumn;
  code: AssignmentIssueCode;
  params?: Record<string, string | number>;
}

const normaliseHeader = (text: string) =>
  toHalfWidth(text)
    .toLowerCase()
    .replace(/[*＊]/g, "")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[_\s]+/g, " ")
    .trim();

const HEADER_LOOKUP = new Map<string, AssignmentColumn>(
  ASSIGNMENT_COLUMNS.flatMap((column) =>
    [ASSIGNMENT_HEADERS[column].zh, column, ...ASSIGNMENT_HEADERS[column].aliases].map(
      (label) => [normaliseHeader(label), column] as const,
    ),
  ),
);

/** Which column index holds which field, from the header row; unknown columns are ignored. */
export function mapAssignmentHeader(header: Cell[]): {
  columns: Partial<Record<AssignmentColumn, number>>;
  missing: AssignmentColumn[];
} {
  const columns: Partial<Record<AssignmentColumn, number>> = {};
  header.forEach((cell, index) => {
    const text = normaliseHeader(cellText(cell));
    const column = HEADER_LOOKUP.get(text) ?? HEADER_LOOKUP.get(text.split(" ")[0] ?? "");
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return { columns, missing: REQUIRED_ASSIGNMENT_COLUMNS.filter((c) => columns[c] === undefined) };
}

export const isAssignmentHeader = (header: Cell[]) => mapAssignmentHeader(header).missing.length === 0;

export interface RawAssignmentRow {
  rowNumber: number;
  fields: Record<AssignmentColumn, Cell>;
}

/** Data rows after the header; blank and untouched rows (no unit and no deadline) are counted as skipped. */
export function selectAssignmentRows(
  rows: { rowNumber: number; cells: Cell[] }[],
  columns: Partial<Record<AssignmentColumn, number>>,
): { rows: RawAssignmentRow[]; skipped: number } {
  const result: RawAssignmentRow[] = [];
  let skipped = 0;
  for (const row of rows) {
    const fields = Object.fromEntries(
      ASSIGNMENT_COLUMNS.map((column) => {
        const index = columns[column];
        return [column, index === undefined ? null : (row.cells[index] ?? null)];
      }),
    ) as Record<AssignmentColumn, Cell>;
    const entered = (["lead", "responsible", "cooperating", "deadline"] as const).some(
      (c) => cellText(fields[c]) !== "",
    );
    if (!entered) {
      if (ASSIGNMENT_COLUMNS.some((c) => cellText(fields[c]) !== "")) skipped++;
      continue;
    }
    result.push({ rowNumber: row.rowNumber, fields });
  }
  return { rows: result, skipped };
}

/** A task number as the document writes it: full-width to half-width, no spaces. */
export const normaliseTaskNumber = (text: string) => toHalfWidth(text).replace(/\s+/g, "");

/** Names in one cell: 、，,；;／/ and line breaks separate them; empty parts are dropped. */
export function splitUnits(cell: Cell): string[] {
  const text = cellText(cell);
  if (text === "") return [];
  return text
    .split(/[、，,；;／/\r\n|]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** How a unit name is compared: half-width, no spaces or brackets' contents' spacing. */
export const normaliseUnitName = (name: string) =>
  toHalfWidth(name)
    .replace(/[\s"'“”‘’]/g, "")
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")");

export interface RegistryUnit {
  id: number;
  name: string;
  shortName: string | null;
  aliases: string[];
  /** Retired (merged into another or closed): named by its successor when `successor` is set. */
  retired?: boolean;
  successor?: string | null;
}

export interface UnitIndex {
  find(name: string): RegistryUnit | null;
  suggest(name: string, limit?: number): string[];
}

/** Every spelling of every unit → the unit; the 省 prefix is optional on both sides. */
export function buildUnitIndex(units: RegistryUnit[]): UnitIndex {
  const byName = new Map<string, RegistryUnit>();
  const spellings: { text: string; unit: RegistryUnit }[] = [];
  const add = (text: string, unit: RegistryUnit, strong: boolean) => {
    const key = normaliseUnitName(text);
    if (!key) return;
    // The canonical name wins over another unit's alias or short name.
    if (strong || !byName.has(key)) byName.set(key, unit);
    spellings.push({ text: key, unit });
  };
  for (const unit of units) add(unit.name, unit, true);
  for (const unit of units) {
    if (unit.shortName) add(unit.shortName, unit, false);
    for (const alias of unit.aliases) add(alias, unit, false);
  }
  return {
    find(name) {
      const key = normaliseUnitName(name);
      return byName.get(key) ?? (key.startsWith("省") ? byName.get(key.slice(1)) : byName.get(`省${key}`)) ?? null;
    },
    suggest(name, limit = 3) {
      const key = normaliseUnitName(name);
      const scored = new Map<string, number>();
      for (const { text, unit } of spellings) {
        if (unit.retired) continue;
        const score = similarity(key, text);
        if (score > (scored.get(unit.name) ?? 0)) scored.set(unit.name, score);
      }
      return [...scored]
        .filter(([, score]) => score >= 0.3)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"))
        .slice(0, limit)
        .map(([unitName]) => unitName);
    },
  };
}

/** Dice coefficient over character bigrams (characters for one-character names): fit for Chinese names. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string) => {
    if (s.length < 2) return [s];
    const out: string[] = [];
    for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
    return out;
  };
  const left = grams(a);
  const right = new Map<string, number>();
  for (const g of grams(b)) right.set(g, (right.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of left) {
    const n = right.get(g) ?? 0;
    if (n > 0) {
      common++;
      right.set(g, n - 1);
    }
  }
  const total = left.length + grams(b).length;
  // One containing the other (发改委 in 省发展改革委 is not, 大数据局 in 省大数据局 is) scores high too.
  const contained = a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a)) ? 0.6 : 0;
  return Math.max(total === 0 ? 0 : (2 * common) / total, contained);
}

const DAY = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];
const MONTH = [/^(\d{4})年(\d{1,2})月(?:底|末)?$/, /^(\d{4})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})$/];
const YEAR = /^(\d{4})年(?:底|末)?$/;

/** A deadline cell → YYYY-MM-DD, null for a blank, or "format" when it is not a date. */
export function parseDeadline(cell: Cell): string | null | "format" {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "format" : utcDay(cell);
  const text = toHalfWidth(cellText(cell))
    .replace(/\s+/g, "")
    .replace(/T?00:00(:00(\.0+)?)?Z?$/, "");
  if (text === "") return null;
  const pad = (n: string | number) => String(n).padStart(2, "0");
  for (const pattern of DAY) {
    const m = pattern.exec(text);
    if (m) {
      const iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
      return isCalendarDate(iso) ? iso : "format";
    }
  }
  for (const pattern of MONTH) {
    const m = pattern.exec(text);
    if (m) {
      const [year, month] = [Number(m[1]), Number(m[2])];
      if (month < 1 || month > 12) return "format";
      return `${m[1]}-${pad(month)}-${pad(daysInMonth(year, month))}`;
    }
  }
  const y = YEAR.exec(text);
  if (y) return `${y[1]}-12-31`;
  return "format";
}

export interface UnitRef {
  id: number;
  name: string;
}

export interface AssignmentState {
  lead: UnitRef[];
  responsible: UnitRef[];
  cooperating: UnitRef[];
  /** The deadline a person assigned (the service's assigned-deadline milestone); null when none is. */
  deadline: string | null;
}

/** The task as the row needs it: current state and the rules its document sets. */
export interface TaskForRow {
  id: number;
  number: string;
  title: string;
  retired: boolean;
  current: AssignmentState;
  /** Whether the text gives the task's milestones (its deadline is then not editable). */
  deadlineFromText: boolean;
  /** The text's last milestone, shown in the template's 完成时限 for such a task. */
  textDeadline: string | null;
}

export const NOTE_MAX = 500;
export const UNITS_PER_CELL_MAX = 30;

export interface TypedAssignmentRow {
  rowNumber: number;
  number: string;
  task: TaskForRow | null;
  after: AssignmentState | null;
  /** The deadline to hand to the service: undefined leaves it as it is. */
  deadlineInput: string | null | undefined;
  note: string;
  issues: AssignmentIssue[];
}

export interface DocumentPeriod {
  start: string;
  end: string;
}

/** Types one row against the document's tasks and the registry. */
export function typeAssignmentRow(
  row: RawAssignmentRow,
  taskOf: (number: string) => TaskForRow | null,
  units: UnitIndex,
  period: DocumentPeriod,
): TypedAssignmentRow {
  const issues: AssignmentIssue[] = [];
  const number = normaliseTaskNumber(cellText(row.fields.number));
  let task: TaskForRow | null = null;
  if (number === "") issues.push({ column: "number", code: "numberRequired" });
  else {
    task = taskOf(number);
    if (!task) issues.push({ column: "number", code: "unknownTask", params: { number } });
    else if (task.retired) issues.push({ column: "number", code: "retiredTask", params: { number } });
  }
  const roles: Record<UnitRoleColumn, UnitRef[]> = { lead: [], responsible: [], cooperating: [] };
  const roleOf = new Map<number, UnitRoleColumn>();
  for (const role of UNIT_ROLES) {
    const names = splitUnits(row.fields[role]);
    if (names.length > UNITS_PER_CELL_MAX) {
      issues.push({ column: role, code: "tooManyUnits", params: { max: UNITS_PER_CELL_MAX } });
      continue;
    }
    for (const name of names) {
      const unit = units.find(name);
      if (!unit) {
        const suggestions = units.suggest(name);
        issues.push({
          column: role,
          code: "unknownUnit",
          params: { name: name.slice(0, 60), suggestions: suggestions.join("、") },
        });
        continue;
      }
      if (unit.retired) {
        issues.push({
          column: role,
          code: "retiredUnit",
          params: { name: unit.name, successor: unit.successor ?? "" },
        });
        continue;
      }
      const earlier = roleOf.get(unit.id);
      if (earlier === role) continue; // named twice in one cell: once is enough
      if (earlier) {
        issues.push({ column: role, code: "unitInTwoRoles", params: { name: unit.name, role: earlier } });
        continue;
      }
      roleOf.set(unit.id, role);
      roles[role].push({ id: unit.id, name: unit.name });
    }
  }
  const parsed = parseDeadline(row.fields.deadline);
  let deadline: string | null = null;
  let deadlineInput: string | null | undefined;
  if (parsed === "format") {
    issues.push({
      column: "deadline",
      code: "deadlineFormat",
      params: { text: cellText(row.fields.deadline).slice(0, 40) },
    });
  } else if (parsed !== null && (parsed < period.start || parsed > period.end)) {
    issues.push({
      column: "deadline",
      code: "deadlineOutsidePeriod",
      params: { date: parsed, start: period.start, end: period.end },
    });
  } else if (task?.deadlineFromText) {
    // The text's own deadline stands: a blank or the same date is fine, another date is an error.
    deadline = task.current.deadline;
    deadlineInput = undefined;
    if (parsed !== null && parsed !== task.textDeadline) {
      issues.push({
        column: "deadline",
        code: "deadlineFromText",
        params: { date: task.textDeadline ?? "" },
      });
    }
  } else {
    deadline = parsed;
    deadlineInput = parsed;
  }
  const note = cellText(row.fields.note);
  if (note.length > NOTE_MAX) issues.push({ column: "note", code: "noteTooLong", params: { max: NOTE_MAX } });
  // A change needs a lead unit; a row repeating the current assignment (a template row of a task the
  // text gives only responsible units, say) is simply unchanged.
  if (roles.lead.length === 0 && task && !issues.some((i) => i.column === "lead")) {
    if (!sameAssignment(task.current, { ...roles, deadline })) issues.push({ column: "lead", code: "leadRequired" });
  }
  const ok = issues.length === 0 && task !== null;
  return {
    rowNumber: row.rowNumber,
    number,
    task,
    after: ok ? { ...roles, deadline } : null,
    deadlineInput,
    note,
    issues,
  };
}

/** Second and later rows for the same task get an error naming the first. */
export function markDuplicateTasks(rows: TypedAssignmentRow[]): void {
  const first = new Map<number, number>();
  for (const row of rows) {
    if (!row.task) continue;
    const seen = first.get(row.task.id);
    if (seen === undefined) first.set(row.task.id, row.rowNumber);
    else {
      row.issues.push({ column: "number", code: "duplicateTask", params: { number: row.number, row: seen } });
      row.after = null;
    }
  }
}

const idsOf = (units: UnitRef[]) =>
  units
    .map((u) => u.id)
    .sort((a, b) => a - b)
    .join(",");

/** Whether two states assign the same units to the same roles and the same deadline (order aside). */
export function sameAssignment(a: AssignmentState, b: AssignmentState): boolean {
  return UNIT_ROLES.every((role) => idsOf(a[role]) === idsOf(b[role])) && a.deadline === b.deadline;
}

/**
 * A fingerprint of the current state of the tasks a preview touched (sorted by task id): the commit
 * recomputes it in its transaction and refuses when someone changed one of them in between.
 */
export function stateFingerprint(states: { taskId: number; state: AssignmentState }[]): string {
  return [...states]
    .sort((a, b) => a.taskId - b.taskId)
    .map(
      ({ taskId, state }) =>
        `${taskId}:${UNIT_ROLES.map((role) => idsOf(state[role])).join("|")}|${state.deadline ?? ""}`,
    )
    .join(";");
}
