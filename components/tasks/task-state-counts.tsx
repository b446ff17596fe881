import Link from "next/link";
import { STATE_SEVERITY, type StateCounts, type TaskRollUp, type TaskState } from "@/lib/domain/task-state";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { TASK_STATUS_STYLE } from "./task-status-style";

/**
 * The tasks of a group by state, worst first, each count a link to the task list with exactly the
 * filter that lists those tasks (`hrefOf`), or plain text when the list cannot reproduce it (a past
 * period's overview: the list judges on today). Shared by the overview and the document dashboards.
 */
export function TaskStateCounts({
  counts,
  hrefOf,
  locale,
  t,
}: {
  counts: StateCounts;
  hrefOf: ((state: TaskState) => string) | null;
  locale: Locale;
  t: Translate;
}) {
  const box = "flex items-center justify-between gap-2 rounded border border-slate-200 px-3 py-2 text-sm";
  return (
    <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {STATE_SEVERITY.map((state) => {
        const body = (
          <>
            <span className="flex items-center gap-2">
              <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${TASK_STATUS_STYLE[state].dot}`} aria-hidden />
              {t(`taskList.status.${state}`)}
            </span>
            <span className="font-semibold tabular-nums" data-value>
              {formatNumber(locale, counts[state])}
            </span>
          </>
        );
        return (
          <li key={state}>
            {hrefOf ? (
              <Link
                href={hrefOf(state)}
                data-testid={`task-status-${state}`}
                className={`${box} hover:border-brand-600`}
              >
                {body}
              </Link>
            ) : (
              <span data-testid={`task-status-${state}`} className={box}>
                {body}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Why a group rolls up as it does (rollUpTaskStates), in words. */
export function rollUpReason(rollUp: TaskRollUp, locale: Locale, t: Translate): string {
  return t(`taskList.rollUpReason.${rollUp.reason}`, {
    lagging: formatNumber(locale, rollUp.lagging),
    unknown: formatNumber(locale, rollUp.unknown),
    rate: formatNumber(locale, rollUp.laggingRate, { style: "percent", maximumFractionDigits: 1 }),
  });
}

/** A group's roll-up as the dashboards show it: the status badge, then the reason in words. */
export function RollUpStatus({ rollUp, locale, t }: { rollUp: TaskRollUp; locale: Locale; t: Translate }) {
  return (
    <>
      <IndicatorStatusBadge status={rollUp.status} label={t(`indicators.statusLabel.${rollUp.status}`)} />{" "}
      {rollUpReason(rollUp, locale, t)}
    </>
  );
}
