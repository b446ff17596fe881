import type { TaskStatusValue } from "@/lib/domain/task-filters";

// Colour only reinforces the text label; each badge pair meets WCAG AA contrast (text-*-800 on
// bg-*-100); the chart fills meet 3:1 against white.
export const TASK_STATUS_STYLE: Record<TaskStatusValue, { badge: string; dot: string; fill: string }> = {
  NOT_STARTED: { badge: "bg-slate-100 text-slate-800", dot: "bg-slate-500", fill: "#64748b" },
  ON_TRACK: { badge: "bg-green-100 text-green-800", dot: "bg-green-600", fill: "#16a34a" },
  AT_RISK: { badge: "bg-amber-100 text-amber-900", dot: "bg-amber-500", fill: "#d97706" },
  LAGGING: { badge: "bg-red-100 text-red-800", dot: "bg-red-600", fill: "#dc2626" },
  COMPLETED: { badge: "bg-blue-100 text-blue-800", dot: "bg-blue-600", fill: "#2563eb" },
  ONGOING: { badge: "bg-teal-100 text-teal-800", dot: "bg-teal-600", fill: "#0d9488" },
};

/** Chart order: done first, then healthy, then the ones needing attention at the end of the bar. */
export const TASK_STATUS_CHART_ORDER: TaskStatusValue[] = [
  "COMPLETED",
  "ON_TRACK",
  "ONGOING",
  "NOT_STARTED",
  "AT_RISK",
  "LAGGING",
];
