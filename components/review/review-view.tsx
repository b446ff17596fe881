import Link from "next/link";
import { column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { departmentsMissingReports } from "@/lib/domain/task-updates";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import type { PeriodRow } from "@/lib/server/periods";
import type { ReviewItem, SupervisionRow } from "@/lib/server/task-updates";

/** The reviewers' desk: reports awaiting review, then the departments that still owe one this period. */
export function ReviewView({
  period,
  awaiting,
  supervision,
  locale,
  t,
}: {
  period: PeriodRow;
  awaiting: ReviewItem[];
  supervision: SupervisionRow[];
  locale: Locale;
  t: Translate;
}) {
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
          {t("review.awaiting", { count: awaiting.length })}
        </h2>
        <AwaitingReviewList awaiting={awaiting} locale={locale} t={t} />
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

function AwaitingReviewList({ awaiting, locale, t }: { awaiting: ReviewItem[]; locale: Locale; t: Translate }) {
  if (awaiting.length === 0) return <EmptyState message={t("review.awaitingEmpty")} />;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {awaiting.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
          <div className="min-w-0">
            <div className="text-xs text-slate-500">
              {item.documentShortTitle} · {t("tasks.number")} {item.taskNumber} · {item.periodCode}
            </div>
            <div className="font-medium">{item.departmentName}</div>
            <div className="truncate text-slate-600">{item.taskText.slice(0, 80)}</div>
          </div>
          <div className="flex items-center gap-3">
            <span className="text-xs text-slate-500">
              {t("review.submittedAt")}：{formatDate(locale, item.createdAt, { hour: "2-digit", minute: "2-digit" })}
            </span>
            <Link href={`/tasks/${item.taskId}`} className="rounded bg-brand-600 px-3 py-1.5 text-white">
              {t("review.open")}
            </Link>
          </div>
        </li>
      ))}
    </ul>
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
