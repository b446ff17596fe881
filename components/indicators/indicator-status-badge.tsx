import type { IndicatorStatus } from "@/lib/domain/indicator-status";

// Colour repeats the text label, never replaces it; the contrasts pass WCAG AA on these backgrounds.
const STYLE: Record<IndicatorStatus, string> = {
  ACHIEVED: "bg-emerald-100 text-emerald-900",
  ON_PACE: "bg-sky-100 text-sky-900",
  AT_RISK: "bg-amber-100 text-amber-900",
  BEHIND: "bg-red-100 text-red-900",
  NO_DATA: "bg-slate-100 text-slate-700",
};

/** Chart fills (3:1 against white); the legend and data tables carry the text. */
export const INDICATOR_STATUS_FILL: Record<IndicatorStatus, string> = {
  ACHIEVED: "#059669",
  ON_PACE: "#0284c7",
  AT_RISK: "#d97706",
  BEHIND: "#dc2626",
  NO_DATA: "#64748b",
};

export function IndicatorStatusBadge({ status, label }: { status: IndicatorStatus; label: string }) {
  return (
    <span data-status={status} className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}>
      {label}
    </span>
  );
}
