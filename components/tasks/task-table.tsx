import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { taskListHref, type TaskListState, type TaskSort, type TaskStatusValue } from "@/lib/domain/task-filters";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { TaskListRow, TaskSearchResult } from "@/lib/schemas/tasks";
import { TASK_STATUS_STYLE } from "./task-status-style";

const STATUS_STYLE = TASK_STATUS_STYLE;

export function TaskStatusBadge({ status, t }: { status: TaskStatusValue; t: Translate }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.badge}`}
      data-status={status}
    >
      <span className={`h-2 w-2 rounded-full ${style.dot}`} aria-hidden />
      {t(`taskList.status.${status}`)}
    </span>
  );
}

/**
 * Why a task has its state, when the label alone would not say (lib/domain/task-state.ts): 逾期未完成 for
 * a task late by its deadline, 未明确可报送的牵头单位 / 尚无审核通过的进展报告 for the two states without a report.
 */
export function stateReason(
  task: { status: TaskStatusValue; pastDue: boolean; deadline: string | null; reportedStatus: string | null },
  locale: Locale,
  t: Translate,
): string | null {
  if (task.status === "LAGGING" && task.pastDue && task.deadline && task.reportedStatus !== "LAGGING") {
    return t("taskList.stateReason.pastDue", { deadline: formatDate(locale, task.deadline) });
  }
  if (task.status === "UNASSIGNED") return t("taskList.stateReason.unassigned");
  if (task.status === "NO_REPORT") return t("taskList.stateReason.noReport");
  return null;
}

export function OverdueFlag({ overdue, t }: { overdue: boolean; t: Translate }) {
  return overdue ? (
    <span
      className="inline-flex items-center gap-1 rounded bg-red-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-red-800"
      data-overdue="true"
    >
      <span aria-hidden>!</span>
      {t("taskList.table.overdueFlag")}
    </span>
  ) : (
    <span className="text-slate-400">
      <span aria-hidden>—</span>
      <span className="sr-only">{t("taskList.table.notOverdue")}</span>
    </span>
  );
}

interface Sorting {
  state: TaskListState;
  /** The list the header links and pagination point to. */
  path: string;
}

function SortableHeader({
  label,
  sort,
  sorting,
  className = "",
}: {
  label: string;
  sort: TaskSort;
  sorting: Sorting | null;
  className?: string;
}) {
  const base = `px-3 py-2 font-medium whitespace-nowrap ${className}`;
  if (!sorting) {
    return (
      <th scope="col" className={base}>
        {label}
      </th>
    );
  }
  const active = sorting.state.sort === sort;
  const nextDirection = active && sorting.state.direction === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      className={base}
      aria-sort={active ? (sorting.state.direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        href={taskListHref(sorting.state, { sort, direction: active ? nextDirection : undefined }, sorting.path)}
        className="inline-flex items-center gap-1 hover:text-brand-700 hover:underline"
      >
        {label}
        <span aria-hidden className={active ? "" : "text-slate-400"}>
          {active ? (sorting.state.direction === "asc" ? "↑" : "↓") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function Row({ row, locale, t }: { row: TaskListRow; locale: Locale; t: Translate }) {
  const leads = row.leadUnits.length ? row.leadUnits.join("、") : t("taskList.table.unassigned");
  return (
    <tr className="align-top" data-task-id={row.id}>
      <td className="hidden min-w-24 px-3 py-2 text-slate-700 md:table-cell">{row.document.shortTitle}</td>
      <td className="hidden px-3 py-2 whitespace-nowrap tabular-nums md:table-cell">{row.number}</td>
      <th scope="row" className="px-3 py-2 text-left font-normal">
        {/* On a phone the document, number and lead units fold into this cell. */}
        <span className="block text-xs text-slate-500 md:hidden">
          {row.document.shortTitle} · {t("taskList.table.number")} {row.number}
        </span>
        <Link
          href={`/tasks/${row.id}`}
          className="font-medium break-words text-slate-900 hover:text-brand-700 hover:underline"
        >
          {row.heading}
        </Link>
        {row.kind !== "TASK" ? (
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
            {t(`taskList.kind.${row.kind}`)}
          </span>
        ) : null}
        <span className="mt-1 block text-xs text-slate-600 md:hidden">
          {t("taskList.table.leadUnits")}：{leads}
        </span>
      </th>
      <td className="hidden px-3 py-2 text-slate-700 md:table-cell">{leads}</td>
      <td className="px-3 py-2">
        <TaskStatusBadge status={row.status} t={t} />
        {row.status === "LAGGING" && stateReason(row, locale, t) ? (
          <span className="mt-1 block text-xs text-red-800" data-testid="state-reason">
            {stateReason(row, locale, t)}
          </span>
        ) : null}
        {row.progress > 0 ? (
          <span className="mt-1 block text-xs text-slate-500">
            {t("taskList.table.progress", { progress: row.progress })}
          </span>
        ) : null}
        {/* Phone: the due date and overdue flag sit under the status. */}
        <span className="mt-1 block text-xs text-slate-600 md:hidden">
          {row.nextDueDate ? formatDate(locale, row.nextDueDate) : null}
        </span>
        {row.overdue ? (
          <span className="mt-1 block md:hidden">
            <OverdueFlag overdue t={t} />
          </span>
        ) : null}
      </td>
      <td className="hidden px-3 py-2 whitespace-nowrap md:table-cell">
        {row.nextDueDate ? (
          <time dateTime={row.nextDueDate}>{formatDate(locale, row.nextDueDate)}</time>
        ) : (
          <span className="text-slate-500">{t("taskList.table.noDate")}</span>
        )}
      </td>
      <td className="hidden px-3 py-2 md:table-cell">
        <OverdueFlag overdue={row.overdue} t={t} />
      </td>
    </tr>
  );
}

/**
 * The task table, shared by the task list and the department pages. With `sorting`, the column headers
 * link to the sorted view and pagination links are shown; without it, it is a plain list of rows.
 */
export function TaskTable({
  result,
  locale,
  t,
  caption,
  sorting = null,
}: {
  result: TaskSearchResult;
  locale: Locale;
  t: Translate;
  caption: string;
  sorting?: Sorting | null;
}) {
  if (result.total === 0) return <EmptyState message={t("taskList.empty")} />;
  const first = (result.page - 1) * result.pageSize + 1;
  const range = t("taskList.showing", {
    from: formatNumber(locale, first),
    to: formatNumber(locale, first + result.rows.length - 1),
  });
  return (
    <div>
      <div className="rounded-lg border border-slate-200 bg-white">
        <table className="w-full table-fixed text-sm md:table-auto" data-testid="task-table">
          <caption className="sr-only">{`${caption} · ${range}`}</caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="hidden px-3 py-2 font-medium whitespace-nowrap md:table-cell">
                {t("taskList.table.document")}
              </th>
              <SortableHeader
                label={t("taskList.table.number")}
                sort="number"
                sorting={sorting}
                className="hidden md:table-cell"
              />
              <SortableHeader
                label={t("taskList.table.task")}
                sort="document"
                sorting={sorting}
                className="w-[62%] md:w-auto"
              />
              <th scope="col" className="hidden px-3 py-2 font-medium whitespace-nowrap md:table-cell">
                {t("taskList.table.leadUnits")}
              </th>
              <SortableHeader label={t("taskList.table.status")} sort="status" sorting={sorting} />
              <SortableHeader
                label={t("taskList.table.nextDue")}
                sort="due"
                sorting={sorting}
                className="hidden md:table-cell"
              />
              <th scope="col" className="hidden px-3 py-2 font-medium whitespace-nowrap md:table-cell">
                {t("taskList.table.overdue")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {result.rows.map((row) => (
              <Row key={row.id} row={row} locale={locale} t={t} />
            ))}
          </tbody>
        </table>
      </div>
      {sorting && result.pages > 1 ? <Pagination result={result} sorting={sorting} t={t} /> : null}
    </div>
  );
}

function Pagination({ result, sorting, t }: { result: TaskSearchResult; sorting: Sorting; t: Translate }) {
  return (
    <Pager
      page={result.page}
      pages={result.pages}
      hrefOf={(page) => taskListHref(sorting.state, { page }, sorting.path)}
      label={t("taskList.pagination.label")}
      previous={t("taskList.pagination.previous")}
      next={t("taskList.pagination.next")}
      status={t("taskList.pagination.pageOf", { page: result.page, pages: result.pages })}
      linkClassName="rounded px-2 py-1 text-brand-700 underline"
      gap
    />
  );
}
