import { historyStates, type HistoryState } from "@/lib/domain/task-updates";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { TimelineEntry } from "@/lib/schemas/task-updates";

const STATE_STYLE: Record<HistoryState, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  SUBMITTED: "bg-slate-100 text-slate-800",
  AWAITING_REVIEW: "bg-sky-100 text-sky-900",
  RETURNED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-emerald-100 text-emerald-900",
};

/**
 * Every report version and comment on the task, newest first (visible to every signed-in user). Each
 * version shows itself as it was: its own review state (lib/domain/task-updates.ts historyStates), who
 * wrote it — the department's author, or the reviewer for a return or an approval — when, and the status
 * and progress it reported.
 */
export function Timeline({ entries, locale, t }: { entries: TimelineEntry[]; locale: Locale; t: Translate }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("updates.timeline.empty")}</p>;
  const when = (iso: string) => formatDate(locale, iso, { hour: "2-digit", minute: "2-digit" });
  const states = historyStates(entries.flatMap((e) => (e.update ? [e.update] : [])));
  return (
    <ol className="space-y-3" aria-label={t("updates.timeline.title")}>
      {entries.map((entry) =>
        entry.update ? (
          <li
            key={`u${entry.update.id}`}
            className="rounded border border-slate-200 p-3 text-sm"
            data-testid="timeline-update"
            data-version={entry.update.version}
            data-state={states.get(entry.update.id)}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLE[states.get(entry.update.id) ?? entry.update.reviewState]}`}
              >
                {t(`updates.timeline.state.${states.get(entry.update.id) ?? entry.update.reviewState}`)}
              </span>
              <span className="text-slate-600">
                {entry.update.periodCode} · {t("updates.timeline.version", { version: entry.update.version })} ·{" "}
                {t(`updates.kind.${entry.update.kind}`)}
              </span>
              <time dateTime={entry.at} className="text-xs text-slate-500">
                {when(entry.at)}
              </time>
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {entry.update.reviewState === "RETURNED" || entry.update.reviewState === "APPROVED"
                ? t("updates.timeline.reviewedBy", { author: entry.update.author ?? "—" })
                : t("updates.timeline.reportedBy", {
                    author: entry.update.author ?? "—",
                    department: entry.update.departmentName,
                  })}
            </p>
            <p className="mt-1">
              {t(`updates.status.${entry.update.status}`)} · {entry.update.progress}%
            </p>
            {entry.update.progressText ? (
              <p className="mt-1 whitespace-pre-wrap text-slate-800">{entry.update.progressText}</p>
            ) : null}
            {entry.update.reviewComment ? (
              <p className="mt-1 rounded bg-amber-50 p-2 text-amber-950">
                {t("updates.returnedBecause", { comment: entry.update.reviewComment })}
              </p>
            ) : null}
            {entry.update.evidence.length ? (
              <ul className="mt-1 flex flex-wrap gap-2">
                {entry.update.evidence.map((e) => (
                  <li key={e.id}>
                    <a
                      href={e.kind === "LINK" && e.url ? e.url : `/api/evidence/${e.id}`}
                      className="text-brand-700 underline"
                      {...(e.kind === "LINK" ? { target: "_blank", rel: "noopener noreferrer" } : {})}
                    >
                      {e.title}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ) : entry.comment ? (
          <li key={`c${entry.comment.id}`} className="rounded border border-slate-200 bg-slate-50 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <span className="font-medium text-slate-700">{t("updates.timeline.comment")}</span>
              <span>{entry.comment.author ?? "—"}</span>
              <time dateTime={entry.at}>{when(entry.at)}</time>
            </div>
            <p className="mt-1 whitespace-pre-wrap">{entry.comment.body}</p>
          </li>
        ) : null,
      )}
    </ol>
  );
}
