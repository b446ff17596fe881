import type { IndicatorStatus } from "@/lib/domain/indicator-status";
import { formatNumber, type Locale } from "@/lib/i18n/catalogue";

const FILL: Record<IndicatorStatus, string> = {
  ACHIEVED: "bg-emerald-600",
  ON_PACE: "bg-sky-600",
  AT_RISK: "bg-amber-500",
  BEHIND: "bg-red-600",
  NO_DATA: "bg-slate-400",
};

/**
 * Share of the way from baseline to target (clamped to 0–100 % for drawing; the text shows the real
 * figure, overshoot included), with a tick at 序时进度 when known. The text carries the meaning; the
 * colour repeats the status.
 */
export function ProgressBar({
  label,
  share,
  expected = null,
  expectedLabel,
  status,
  locale,
  compact = false,
}: {
  label: string;
  share: number;
  expected?: number | null;
  expectedLabel?: string;
  status: IndicatorStatus;
  locale: Locale;
  compact?: boolean;
}) {
  const percent = (value: number) => formatNumber(locale, value, { style: "percent", maximumFractionDigits: 0 });
  const clamp = (value: number) => Math.min(100, Math.max(0, value * 100));
  const text =
    expected !== null && expectedLabel
      ? `${label} ${percent(share)} · ${expectedLabel} ${percent(expected)}`
      : `${label} ${percent(share)}`;
  return (
    <div className={compact ? "min-w-28" : ""}>
      <div className={compact ? "sr-only" : "mb-1 text-xs text-slate-700"}>{text}</div>
      <div
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamp(share))}
        className="relative h-2 w-full rounded bg-slate-200"
      >
        <div className={`h-2 rounded ${FILL[status]}`} style={{ width: `${clamp(share)}%` }} />
        {expected !== null ? (
          <div
            className="absolute -top-1 h-4 w-0.5 bg-slate-900"
            style={{ left: `calc(${clamp(expected)}% - 1px)` }}
            aria-hidden
          />
        ) : null}
      </div>
      {compact ? (
        <div className="mt-0.5 text-xs text-slate-600 tabular-nums" aria-hidden>
          {percent(share)}
        </div>
      ) : null}
    </div>
  );
}
