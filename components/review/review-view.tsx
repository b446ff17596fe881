import Link from "next/link";
import { column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReviewQueue, type DeskItem } from "@/components/review/review-queue";
import { textDiff, type ReviewFilters } from "@/lib/domain/report-review";
import { departmentsMissingReports } from "@/lib/domain/task-updates";
import { formatDate, getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import type { PeriodRow } from "@/lib/server/periods";
import type { ReviewItem, SupervisionRow } from "@/lib/server/task-updates";

export interface ReviewQueueView {
  /** Every report awaiting review (the filters' choices come from it). */
  all: ReviewItem[];
  /** The ones the filters keep. */
  shown: ReviewItem[];
  filters: ReviewFilters;
}

/**
 * The reviewers' desk: the queue (filterable by unit, document and "got worse", each report against its
 * unit's last approved one, batch approval), then the departments that still owe a report this period.
 */
export function ReviewView({
  period,
  queue,
  supervision,
  locale,
  t,
}: {
  period: PeriodRow;
  queue: ReviewQueueView;
  supervision: SupervisionRow[];
  locale: Locale;
  t: Translate;
}) {
  const messages = getMessages(locale);
  const items: DeskItem[] = queue.shown.map((item) => ({
    ...item,
    diff: item.lastApproved
      ? {
          progressText: textDiff(item.lastApproved.progressText, item.progressText),
          problems: textDiff(item.lastApproved.problems, item.problems),
          nextSteps: textDiff(item.lastApproved.nextSteps, item.nextSteps),
        }
      : null,
  }));
  return (
    <>
      <PageHeader title={t("review.title")} intro={t("review.intro")} />
      <p className="mb-4 text-sm text-slate-700">
        {t("review.period", {
          period: periodLabel(period, locale, t),
          start: formatDate(locale, period.start),
          end: formatDate(locale, period.end),
        })}
      </p>

      <section aria-labelledby="awaiting-title" className="mb-8">
        <h2 id="awaiting-title" className="mb-2 text-lg font-semibold">
          {t("review.awaiting", { count: queue.all.length })}
        </h2>
        <QueueFilters queue={queue} t={t} />
        {/* Always mounted: its notice (approved, returned) stays when the last report leaves the queue. */}
        <ReviewQueue
          items={items}
          empty={<EmptyState message={t("review.awaitingEmpty")} />}
          locale={locale}
          m={messages.review}
          mu={messages.updates}
          numberLabel={t("tasks.number")}
        />
      </section>

      <section aria-labelledby="supervision-title">
        <h2 id="supervision-title" className="mb-2 text-lg font-semibold">
          {t("review.supervision")}
        </h2>
        <p className="mb-2 text-sm text-slate-600">{t("review.supervisionRule")}</p>
        <SupervisionTable rows={departmentsMissingReports(supervision)} t={t} />
      </section>
    </>
  );
}

/** A GET form: the filters live in the URL (?unit=&document=&worse=1), so a filtered queue can be shared. */
function QueueFilters({ queue, t }: { queue: ReviewQueueView; t: Translate }) {
  const units = new Map(queue.all.map((i) => [i.departmentId, i.departmentName]));
  const documents = new Map(queue.all.map((i) => [i.documentId, i.documentShortTitle]));
  const { filters } = queue;
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form
      key={`${filters.unit}-${filters.document}-${filters.worse}`}
      method="get"
      action="/review"
      className="mb-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <fieldset className="grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end">
        <legend className="sr-only">{t("review.filters.legend")}</legend>
        <div className="text-sm">
          <label htmlFor="review-filter-unit">{t("review.filters.unit")}</label>
          <select id="review-filter-unit" name="unit" defaultValue={filters.unit ?? ""} className={select}>
            <option value="">{t("review.filters.all")}</option>
            {[...units].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="review-filter-document">{t("review.filters.document")}</label>
          <select id="review-filter-document" name="document" defaultValue={filters.document ?? ""} className={select}>
            <option value="">{t("review.filters.all")}</option>
            {[...documents].map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="worse" value="1" defaultChecked={filters.worse} className="h-4 w-4" />
          {t("review.filters.worse")}
        </label>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">
            {t("review.filters.apply")}
          </button>
          <Link href="/review" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            {t("review.filters.clear")}
          </Link>
        </div>
      </fieldset>
      <p className="mt-2 text-xs text-slate-600" data-testid="queue-count">
        {t("review.filters.showing", { shown: queue.shown.length, total: queue.all.length })}
      </p>
    </form>
  );
}

function SupervisionTable({ rows, t }: { rows: SupervisionRow[]; t: Translate }) {
  const count = "px-3 py-2 text-right";
  return (
    <DataTable
      look="boxed"
      headClassName="bg-slate-100 text-left"
      caption={t("review.supervision")}
      empty={t("review.supervisionEmpty")}
      rows={rows}
      rowKey={(row) => row.departmentId}
      columns={[
        column<SupervisionRow>(
          "department",
          t("review.department"),
          (row) => (
            <Link href={`/departments/${row.departmentId}`} className="text-brand-700 hover:underline">
              {row.departmentName}
            </Link>
          ),
          "px-3 py-2",
        ),
        column<SupervisionRow>(
          "inScope",
          t("review.inScope"),
          (row) => row.tasksInScope,
          `${count} tabular-nums`,
          count,
        ),
        column<SupervisionRow>(
          "submitted",
          t("review.submittedCount"),
          (row) => row.submitted,
          `${count} tabular-nums`,
          count,
        ),
        column<SupervisionRow>(
          "missing",
          t("review.missing"),
          (row) => row.missing,
          `${count} font-semibold text-red-800 tabular-nums`,
          count,
        ),
      ]}
    />
  );
}
