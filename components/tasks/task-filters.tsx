import Link from "next/link";
import { currentDateWindow } from "@/lib/domain/dates";
import {
  activeFilterCount,
  filtersOf,
  PAGE_SIZES,
  serialiseTaskListState,
  TASK_KINDS,
  TASK_SORTS,
  TASK_STATUSES,
  UNIT_ROLES,
  UNASSIGNED_AREA,
  DEFAULT_STATE,
  type TaskListState,
} from "@/lib/domain/task-filters";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { TaskFilterOptions } from "@/lib/server/task-search";

const field = "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "block text-sm font-medium text-slate-700";

/**
 * The filter panel: a plain GET form, so it works without JavaScript and every view is a URL. On a
 * phone it is collapsed behind a toggle; the toggle is a CSS-only checkbox (no script needed), and on
 * wider screens the panel is always open.
 */
export function TaskFilters({
  state,
  options,
  t,
  path = "/tasks",
}: {
  state: TaskListState;
  options: TaskFilterOptions;
  t: Translate;
  path?: string;
}) {
  const active = activeFilterCount(filtersOf(state));
  const dates = currentDateWindow();
  const units = options.departments.filter((d) => !d.generic);
  const generic = options.departments.filter((d) => d.generic);
  return (
    <section aria-labelledby="task-filters-heading" className="mb-4">
      <h2 id="task-filters-heading" className="sr-only">
        {t("taskList.filters.heading")}
      </h2>
      {/* Unnamed and outside the form: it only toggles the panel and is never submitted. */}
      <input
        type="checkbox"
        id="task-filters-toggle"
        className="peer sr-only md:hidden"
        aria-controls="task-filters-panel"
        aria-label={t("taskList.filters.toggle")}
      />
      <label
        htmlFor="task-filters-toggle"
        className="flex cursor-pointer items-center justify-between rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 md:hidden"
      >
        <span>
          {t("taskList.filters.toggle")}
          {active ? (
            <span className="ml-2 text-brand-700">{t("taskList.filters.active", { count: active })}</span>
          ) : null}
        </span>
        <span aria-hidden>▾</span>
      </label>
      <div id="task-filters-panel" className="mt-2 hidden peer-checked:block md:mt-0 md:block">
        <form
          method="get"
          action={path}
          className="rounded-lg border border-slate-200 bg-white p-3 md:p-4"
          role="search"
        >
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div className="sm:col-span-2">
              <label htmlFor="filter-q" className={label}>
                {t("taskList.filters.query")}
              </label>
              <input
                id="filter-q"
                name="q"
                type="search"
                defaultValue={state.query}
                maxLength={100}
                placeholder={t("taskList.filters.queryPlaceholder")}
                className={field}
              />
            </div>
            <div>
              <label htmlFor="filter-doc" className={label}>
                {t("taskList.filters.document")}
              </label>
              <select id="filter-doc" name="doc" defaultValue={state.document ?? ""} className={field}>
                <option value="">{t("taskList.filters.allDocuments")}</option>
                {options.documents.map((d) => (
                  <option key={d.slug} value={d.slug}>
                    {d.shortTitle}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-section" className={label}>
                {t("taskList.filters.section")}
              </label>
              {/* Sections belong to a document: they are offered once one is chosen. */}
              <select
                id="filter-section"
                name="section"
                defaultValue={state.section ?? ""}
                className={field}
                disabled={!state.document}
                aria-describedby={state.document ? undefined : "filter-section-hint"}
              >
                <option value="">{t("taskList.filters.allSections")}</option>
                {options.sections.map((s) => (
                  <option key={s.path} value={s.path}>
                    {`${"　".repeat(s.depth)}${s.title}`}
                  </option>
                ))}
              </select>
              {state.document ? null : (
                <p id="filter-section-hint" className="mt-1 text-xs text-slate-500">
                  {t("taskList.filters.sectionHint")}
                </p>
              )}
            </div>
            <div>
              <label htmlFor="filter-dept" className={label}>
                {t("taskList.filters.department")}
              </label>
              <select id="filter-dept" name="dept" defaultValue={state.departmentId ?? ""} className={field}>
                <option value="">{t("taskList.filters.allDepartments")}</option>
                <optgroup label={t("taskList.filters.unitsGroup")}>
                  {units.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </optgroup>
                {generic.length ? (
                  <optgroup label={t("taskList.filters.genericGroup")}>
                    {generic.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </div>
            <div>
              <label htmlFor="filter-area" className={label}>
                {t("taskList.filters.area")}
              </label>
              <select id="filter-area" name="area" defaultValue={state.area ?? ""} className={field}>
                <option value="">{t("taskList.filters.allAreas")}</option>
                {options.areas.map((area) => (
                  <option key={area ?? UNASSIGNED_AREA} value={area ?? UNASSIGNED_AREA}>
                    {area ?? t("taskList.filters.noArea")}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-role" className={label}>
                {t("taskList.filters.role")}
              </label>
              <select id="filter-role" name="role" defaultValue={state.role} className={field}>
                {UNIT_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`taskList.filters.roles.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-kind" className={label}>
                {t("taskList.filters.kind")}
              </label>
              <select id="filter-kind" name="kind" defaultValue={state.kind?.toLowerCase() ?? ""} className={field}>
                <option value="">{t("taskList.filters.allKinds")}</option>
                {TASK_KINDS.map((kind) => (
                  <option key={kind} value={kind.toLowerCase()}>
                    {t(`taskList.kind.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="min-w-0">
              <legend className={label}>{t("taskList.filters.dueWindow")}</legend>
              <div className="mt-1 grid grid-cols-2 gap-2">
                <label className="text-xs text-slate-600">
                  {t("taskList.filters.dueFrom")}
                  <input
                    type="date"
                    name="dueFrom"
                    defaultValue={state.dueFrom ?? ""}
                    min={dates.min}
                    max={dates.max}
                    className={field}
                  />
                </label>
                <label className="text-xs text-slate-600">
                  {t("taskList.filters.dueTo")}
                  <input
                    type="date"
                    name="dueTo"
                    defaultValue={state.dueTo ?? ""}
                    min={dates.min}
                    max={dates.max}
                    className={field}
                  />
                </label>
              </div>
            </fieldset>
            <fieldset className="min-w-0 sm:col-span-2">
              <legend className={label}>{t("taskList.filters.status")}</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {TASK_STATUSES.map((status) => (
                  <label key={status} className="inline-flex items-center gap-1.5 text-sm">
                    <input
                      type="checkbox"
                      name="status"
                      value={status.toLowerCase()}
                      defaultChecked={state.statuses.includes(status)}
                    />
                    {t(`taskList.status.${status}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex items-end">
              <label className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-700">
                <input type="checkbox" name="overdue" value="1" defaultChecked={state.overdue} />
                {t("taskList.filters.overdue")}
              </label>
            </div>
            <div>
              <label htmlFor="filter-sort" className={label}>
                {t("taskList.filters.sort")}
              </label>
              <select id="filter-sort" name="sort" defaultValue={state.sort} className={field}>
                {TASK_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`taskList.filters.sorts.${sort}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="filter-dir" className={label}>
                  {t("taskList.filters.direction")}
                </label>
                <select id="filter-dir" name="dir" defaultValue={state.direction} className={field}>
                  <option value="asc">{t("taskList.filters.asc")}</option>
                  <option value="desc">{t("taskList.filters.desc")}</option>
                </select>
              </div>
              <div>
                <label htmlFor="filter-size" className={label}>
                  {t("taskList.filters.pageSize")}
                </label>
                <select id="filter-size" name="size" defaultValue={state.pageSize} className={field}>
                  {PAGE_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {t("taskList.filters.pageSizeOption", { size })}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <button
              type="submit"
              className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
            >
              {t("taskList.filters.apply")}
            </button>
            <Link href={path} className="text-sm text-brand-700 underline">
              {t("taskList.filters.reset")}
            </Link>
          </div>
        </form>
      </div>
    </section>
  );
}

/** Links that download the current view (same filters and sort, every page). */
export function TaskExportLinks({
  state,
  total,
  limit,
  locale,
  t,
}: {
  state: TaskListState;
  total: number;
  limit: number;
  locale: Locale;
  t: Translate;
}) {
  // Page and page size do not change what is exported.
  const query = serialiseTaskListState({ ...state, page: 1, pageSize: DEFAULT_STATE.pageSize });
  const href = (format: "xlsx" | "csv") => `/tasks/export?format=${format}${query ? `&${query}` : ""}`;
  const className =
    "inline-flex items-center rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:border-brand-600";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("taskList.export.label")}>
      {/* Plain links: a download must not be intercepted by client-side navigation. */}
      <a href={href("xlsx")} download className={className}>
        {t("taskList.export.xlsx")}
      </a>
      <a href={href("csv")} download className={className}>
        {t("taskList.export.csv")}
      </a>
      <span className="text-xs text-slate-500">
        {t("taskList.export.limitNote", {
          total: formatNumber(locale, Math.min(total, limit)),
          limit: formatNumber(locale, limit),
        })}
      </span>
    </div>
  );
}
