import type { TargetChange } from "@/lib/domain/document-compare";

// Colour repeats the text label (with its arrow), never replaces it; contrasts pass WCAG AA.
const STYLE: Record<TargetChange, string> = {
  RAISED: "bg-emerald-100 text-emerald-900",
  LOWERED: "bg-red-100 text-red-900",
  UNCHANGED: "bg-slate-100 text-slate-800",
  DUE_DATE_CHANGED: "bg-sky-100 text-sky-900",
  ONLY_FROM: "bg-amber-100 text-amber-900",
  ONLY_TO: "bg-violet-100 text-violet-900",
};

/** Chart colours per change, in the same families as the badges. */
export const CHANGE_COLOUR: Record<TargetChange, string> = {
  RAISED: "#047857",
  LOWERED: "#b91c1c",
  UNCHANGED: "#64748b",
  DUE_DATE_CHANGED: "#0369a1",
  ONLY_FROM: "#b45309",
  ONLY_TO: "#6d28d9",
};

export function ChangeBadge({ change, label }: { change: TargetChange; label: string }) {
  return (
    <span
      data-change={change}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLE[change]}`}
    >
      {label}
    </span>
  );
}
