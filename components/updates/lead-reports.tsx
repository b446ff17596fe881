import { interpolate } from "@/lib/i18n/catalogue";
import type { LeadUnitReport } from "@/lib/server/task-updates";
import type { Messages } from "@/messages/zh-CN";

/**
 * A task's lead units side by side, each with its latest approved report, the one the task's status
 * follows marked (the co-lead rule, lib/domain/report-review.ts). Shown only for several lead units.
 */
export function LeadReports({ units, m }: { units: LeadUnitReport[]; m: Messages["updates"] }) {
  if (units.length < 2) return null;
  return (
    <section aria-labelledby="co-leads-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="co-leads-title" className="font-semibold">
        {m.coLeads.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{m.coLeads.rule}</p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {units.map((u) => (
          <li
            key={u.departmentId}
            data-testid="co-lead-report"
            className={`rounded border p-3 text-sm ${u.followed ? "border-amber-500 bg-amber-50" : "border-slate-200"}`}
          >
            <p className="font-medium">{u.departmentName}</p>
            {u.report ? (
              <>
                <p className="mt-1 text-base font-semibold">
                  {m.status[u.report.status]} · {u.report.progress}%
                </p>
                <p className="text-xs text-slate-600">
                  {interpolate(m.coLeads.approved, { period: u.report.periodCode })}
                </p>
              </>
            ) : (
              <p className="mt-1 text-slate-600">{m.coLeads.none}</p>
            )}
            {u.followed ? <p className="mt-1 text-xs font-medium text-amber-900">{m.coLeads.followed}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
