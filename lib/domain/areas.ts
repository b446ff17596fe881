/**
 * The five areas of Shandong's digital-province strategy, in the order the plan's chapters give them.
 * Tasks take their area from the chapter they stand in (when the chapter names one); indicators have
 * one too, editable by admins. Other spellings an admin types are kept and sorted after these.
 */
export const CANONICAL_AREAS = ["数字基础设施", "数字经济", "数字政府", "数字社会", "数字生态"] as const;

/** Canonical areas first, in strategy order; others alphabetically; the unassigned (null) last. */
export function compareAreas(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const rank = (area: string) => {
    const index = (CANONICAL_AREAS as readonly string[]).indexOf(area);
    return index === -1 ? CANONICAL_AREAS.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b, "zh-CN");
}
