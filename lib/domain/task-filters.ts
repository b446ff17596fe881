/**
 * The task list's view state — filters, sort and page — as it lives in the URL, so that sharing a link
 * shares the view. Pure: the page, the export route and the tests all parse and write it here.
 *
 * Parsing never fails: every parameter that is missing or invalid falls back to its default on its own,
 * because a stale bookmark or a hand-edited link should still show a useful list rather than an error.
 * Writing is canonical (defaults omitted, fixed order), so one view has one URL.
 */
import { z } from "zod";
import { inputDateSchema } from "./dates";
import { STATE_SEVERITY, TROUBLED_STATES, type TaskState } from "./task-state";

/**
 * The `status` filter selects task STATES (lib/domain/task-state.ts): the reported statuses and
 * 待明确责任单位 / 未报送, with 滞后 including the tasks past their deadline. The six reported statuses
 * are states too, so links written before the states existed (status=lagging,at_risk) still parse.
 * Offered worst first, like the status sort.
 */
export const TASK_STATUSES: readonly TaskState[] = STATE_SEVERITY;
export type TaskStatusValue = TaskState;

/** States the dashboards call "lagging" (滞后 and 存在风险). */
export const LAGGING_STATUSES: readonly TaskStatusValue[] = TROUBLED_STATES;

export const TASK_KINDS = ["TASK", "MEASURE", "COLUMN_ITEM"] as const;
export type TaskKindValue = (typeof TASK_KINDS)[number];

/**
 * How the chosen department relates to the task. `supporting` = responsible or cooperating: the
 * department page lists "tasks it shares" in one table.
 */
export const UNIT_ROLES = ["any", "lead", "responsible", "cooperating", "supporting"] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export const TASK_SORTS = ["document", "number", "due", "status", "updated"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** The natural direction of each sort: most recent updates first, everything else ascending. */
export const DEFAULT_DIRECTION: Record<TaskSort, SortDirection> = {
  document: "asc",
  number: "asc",
  due: "asc",
  status: "asc",
  updated: "desc",
};

/** The `area` filter value for tasks whose chapter names no area (the 2022 work points). */
export const UNASSIGNED_AREA = "none";

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 20;

export const MAX_QUERY_LENGTH = 100;
const MAX_PAGE = 100_000;

export interface TaskFilters {
  /** Document slug. */
  document: string | null;
  /** Section path within the document (its subsections included); ignored without a document. */
  section: string | null;
  departmentId: number | null;
  /** Only meaningful with a department. */
  role: UnitRole;
  /** The task's area (数字基础设施, 数字经济…); `UNASSIGNED_AREA` = tasks whose chapter names none. */
  area: string | null;
  /** Task states on the reference date (today for the list); empty = every state. */
  statuses: TaskStatusValue[];
  /** Has an open milestone past its due date (milestone level; not the same as the state 滞后). */
  overdue: boolean;
  /** Inclusive bounds on the next due date, YYYY-MM-DD. */
  dueFrom: string | null;
  dueTo: string | null;
  kind: TaskKindValue | null;
  /** Free text over number, title and task text; whitespace separates terms that must all match. */
  query: string;
}

export interface TaskListState extends TaskFilters {
  sort: TaskSort;
  direction: SortDirection;
  page: number;
  pageSize: PageSize;
}

export const DEFAULT_STATE: TaskListState = {
  document: null,
  section: null,
  area: null,
  departmentId: null,
  role: "any",
  statuses: [],
  overdue: false,
  dueFrom: null,
  dueTo: null,
  kind: null,
  query: "",
  sort: "document",
  direction: "asc",
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** What Next.js hands a page, and what URLSearchParams can be turned into. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

// URL spellings: lower case, so links read naturally (status=lagging,at_risk).
const lower = (value: string) => value.toLowerCase();

const isoDate = inputDateSchema;

// Each field has its own `.catch`, so one bad parameter resets only itself.
const schema = z.object({
  doc: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/i)
    .nullable()
    .catch(null),
  section: z.string().trim().min(1).max(200).nullable().catch(null),
  dept: z.coerce.number().int().min(1).max(2_147_483_647).nullable().catch(null),
  role: z.enum(UNIT_ROLES).catch("any"),
  area: z.string().trim().min(1).max(50).nullable().catch(null),
  status: z.array(z.string()).catch([]),
  overdue: z.enum(["1", "true"]).nullable().catch(null),
  dueFrom: isoDate.nullable().catch(null),
  dueTo: isoDate.nullable().catch(null),
  kind: z
    .enum(TASK_KINDS.map(lower) as [string, ...string[]])
    .nullable()
    .catch(null),
  q: z.string().catch(""),
  sort: z.enum(TASK_SORTS).nullable().catch(null),
  dir: z.enum(["asc", "desc"]).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  size: z.coerce
    .number()
    .refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE),
});

function first(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  // An empty field from the GET form means "not set".
  return single === undefined || single.trim() === "" ? null : single;
}

/** Repeated parameters (checkboxes) and comma lists (canonical links) both work. */
function list(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Collapses whitespace and trims to the maximum length, so a pasted paragraph still searches. */
export function normaliseQuery(value: string): string {
  return value.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).trim();
}

export function toRawSearchParams(params: URLSearchParams): RawSearchParams {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length === 1 ? values[0]! : values;
  }
  return raw;
}

export function parseTaskListState(input: RawSearchParams | URLSearchParams): TaskListState {
  const raw = input instanceof URLSearchParams ? toRawSearchParams(input) : input;
  const parsed = schema.parse({
    doc: first(raw.doc),
    section: first(raw.section),
    dept: first(raw.dept),
    role: first(raw.role) ?? "any",
    area: first(raw.area),
    status: list(raw.status),
    overdue: first(raw.overdue),
    dueFrom: first(raw.dueFrom),
    dueTo: first(raw.dueTo),
    kind: first(raw.kind)?.toLowerCase() ?? null,
    q: first(raw.q) ?? "",
    sort: first(raw.sort),
    dir: first(raw.dir),
    page: first(raw.page) ?? 1,
    size: first(raw.size) ?? DEFAULT_PAGE_SIZE,
  });

  const statuses = TASK_STATUSES.filter((status) =>
    parsed.status.some((value) => value.toLowerCase() === lower(status)),
  );
  let dueFrom = parsed.dueFrom;
  let dueTo = parsed.dueTo;
  // A reversed window is read as the window the user meant.
  if (dueFrom && dueTo && dueFrom > dueTo) [dueFrom, dueTo] = [dueTo, dueFrom];
  const sort = parsed.sort ?? DEFAULT_STATE.sort;
  const departmentId = parsed.dept;

  return {
    document: parsed.doc,
    section: parsed.doc ? parsed.section : null,
    departmentId,
    role: departmentId === null ? "any" : parsed.role,
    area: parsed.area,
    statuses,
    overdue: parsed.overdue !== null,
    dueFrom,
    dueTo,
    kind: TASK_KINDS.find((kind) => lower(kind) === parsed.kind) ?? null,
    query: normaliseQuery(parsed.q),
    sort,
    direction: parsed.dir ?? DEFAULT_DIRECTION[sort],
    page: parsed.page,
    pageSize: parsed.size,
  };
}

/** The canonical query string of a view (defaults left out), without the leading "?". */
export function serialiseTaskListState(state: TaskListState): string {
  const params = new URLSearchParams();
  if (state.document) params.set("doc", state.document);
  if (state.document && state.section) params.set("section", state.section);
  if (state.departmentId !== null) {
    params.set("dept", String(state.departmentId));
    if (state.role !== "any") params.set("role", state.role);
  }
  if (state.area) params.set("area", state.area);
  if (state.statuses.length) {
    // Canonical order (worst first), whatever order the caller listed them in.
    const statuses = TASK_STATUSES.filter((status) => state.statuses.includes(status));
    params.set("status", statuses.map(lower).join(","));
  }
  if (state.overdue) params.set("overdue", "1");
  if (state.dueFrom) params.set("dueFrom", state.dueFrom);
  if (state.dueTo) params.set("dueTo", state.dueTo);
  if (state.kind) params.set("kind", lower(state.kind));
  if (state.query) params.set("q", state.query);
  if (state.sort !== DEFAULT_STATE.sort) params.set("sort", state.sort);
  if (state.direction !== DEFAULT_DIRECTION[state.sort]) params.set("dir", state.direction);
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set("size", String(state.pageSize));
  if (state.page !== 1) params.set("page", String(state.page));
  // Commas are legal in a query string; leaving them readable keeps links like status=lagging,at_risk.
  return params.toString().replace(/%2C/g, ",");
}

/**
 * A link to a variant of the view. Changing anything but the page goes back to the first page, since
 * the old page number means nothing in a different result set.
 */
export function taskListHref(state: TaskListState, change: Partial<TaskListState> = {}, path = "/tasks"): string {
  // Keys given as undefined mean "no change", not "unset".
  const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  const next: TaskListState = { ...state, ...given };
  const onlyPage = Object.keys(given).every((key) => key === "page");
  if (!onlyPage && change.page === undefined) next.page = 1;
  if (change.sort && change.direction === undefined) next.direction = DEFAULT_DIRECTION[change.sort];
  const query = serialiseTaskListState(next);
  return query ? `${path}?${query}` : path;
}

/** The filters alone: what a count or an export depends on (sort and page do not change the set). */
export function filtersOf(state: TaskListState): TaskFilters {
  return {
    document: state.document,
    section: state.section,
    departmentId: state.departmentId,
    role: state.role,
    area: state.area,
    statuses: state.statuses,
    overdue: state.overdue,
    dueFrom: state.dueFrom,
    dueTo: state.dueTo,
    kind: state.kind,
    query: state.query,
  };
}

/** How many filters narrow the list (for the collapsed panel's summary). */
export function activeFilterCount(filters: TaskFilters): number {
  return [
    filters.document !== null,
    filters.section !== null,
    filters.departmentId !== null,
    filters.area !== null,
    filters.statuses.length > 0,
    filters.overdue,
    filters.dueFrom !== null || filters.dueTo !== null,
    filters.kind !== null,
    filters.query !== "",
  ].filter(Boolean).length;
}

/**
 * Escapes a user's text for use inside a LIKE/ILIKE pattern with the default escape character `\`,
 * so `%`, `_` and `\` match themselves instead of acting as wildcards.
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The search terms of a query (at most five; more only slow the query without narrowing usefully). */
export function searchTerms(query: string): string[] {
  return normaliseQuery(query).split(" ").filter(Boolean).slice(0, 5);
}
