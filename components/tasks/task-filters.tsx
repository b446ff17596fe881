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
import {
  FilterActions,
  filterControlClass,
  FilterInput,
  filterLabelClass,
  SelectField,
} from "@/components/ui/filter-field";
import { DepartmentOptions } from "@/components/tasks/department-options";

const field = filterControlClass();
const label = filterLabelClass;

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
            <FilterInput
              id="filter-q"
              label={t("taskList.filters.query")}
              wrapperClassName="sm:col-span-2"
              name="q"
              type="search"
              defaultValue={state.query}
              maxLength={100}
              placeholder={t("taskList.filters.queryPlaceholder")}
            />
            <SelectField
              id="filter-doc"
              label={t("taskList.filters.document")}
              name="doc"
              defaultValue={state.document ?? ""}
              allLabel={t("taskList.filters.allDocuments")}
              options={options.documents.map((d) => ({ value: d.slug, label: d.shortTitle }))}
            />
            {/* Sections belong to a document: they are offered once one is chosen. */}
            <SelectField
              id="filter-section"
              label={t("taskList.filters.section")}
              name="section"
              defaultValue={state.section ?? ""}
              disabled={!state.document}
              hint={state.document ? undefined : t("taskList.filters.sectionHint")}
              allLabel={t("taskList.filters.allSections")}
              options={options.sections.map((s) => ({ value: s.path, label: `${"　".repeat(s.depth)}${s.title}` }))}
            />
            <SelectField
              id="filter-dept"
              label={t("taskList.filters.department")}
              name="dept"
              defaultValue={state.departmentId ?? ""}
              allLabel={t("taskList.filters.allDepartments")}
            >
              <DepartmentOptions
                units={units.map(({ id, name }) => ({ id, name }))}
                generic={generic.map(({ id, name }) => ({ id, name }))}
                unitsLabel={t("taskList.filters.unitsGroup")}
                genericLabel={t("taskList.filters.genericGroup")}
              />
            </SelectField>
            <SelectField
              id="filter-area"
              label={t("taskList.filters.area")}
              name="area"
              defaultValue={state.area ?? ""}
              allLabel={t("taskList.filters.allAreas")}
              options={options.areas.map((area) => ({
                value: area ?? UNASSIGNED_AREA,
                label: area ?? t("taskList.filters.noArea"),
              }))}
            />
            <SelectField
              id="filter-role"
              label={t("taskList.filters.role")}
              name="role"
              defaultValue={state.role}
              options={UNIT_ROLES.map((role) => ({ value: role, label: t(`taskList.filters.roles.${role}`) }))}
            />
            <SelectField
              id="filter-kind"
              label={t("taskList.filters.kind")}
              name="kind"
              defaultValue={state.kind?.toLowerCase() ?? ""}
              allLabel={t("taskList.filters.allKinds")}
              options={TASK_KINDS.map((kind) => ({ value: kind.toLowerCase(), label: t(`taskList.kind.${kind}`) }))}
            />
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
              <p className="text-xs text-slate-600">{t("taskList.filters.statusHint")}</p>
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
            <SelectField
              id="filter-sort"
              label={t("taskList.filters.sort")}
              name="sort"
              defaultValue={state.sort}
              options={TASK_SORTS.map((sort) => ({ value: sort, label: t(`taskList.filters.sorts.${sort}`) }))}
            />
            <div className="grid grid-cols-2 gap-2">
              <SelectField
                id="filter-dir"
                label={t("taskList.filters.direction")}
                name="dir"
                defaultValue={state.direction}
                options={[
                  { value: "asc", label: t("taskList.filters.asc") },
                  { value: "desc", label: t("taskList.filters.desc") },
                ]}
              />
              <SelectField
                id="filter-size"
                label={t("taskList.filters.pageSize")}
                name="size"
                defaultValue={state.pageSize}
                options={PAGE_SIZES.map((size) => ({
                  value: size,
                  label: t("taskList.filters.pageSizeOption", { size }),
                }))}
              />
            </div>
          </div>
          <FilterActions
            apply={t("taskList.filters.apply")}
            reset={{ href: path, label: t("taskList.filters.reset") }}
            className="mt-4 flex flex-wrap items-center gap-3"
          />
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
