// Colour repeats the text label, never replaces it.
const STYLE = {
  DRAFT: "bg-amber-100 text-amber-900",
  PUBLISHED: "bg-emerald-100 text-emerald-900",
  SUPERSEDED: "bg-slate-100 text-slate-700",
} as const;

export function BulletinStateBadge({ state, label }: { state: keyof typeof STYLE; label: string }) {
  return (
    <span data-state={state} className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLE[state]}`}>
      {label}
    </span>
  );
}
