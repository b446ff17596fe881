import type { TaskStatusValue } from "@/lib/domain/task-filters";

// Colour only reinforces the text label (every badge, legend and chart carries the state's name); each
// badge pair meets WCAG AA contrast (text-*-800 on bg-*-100); the chart fills meet 3:1 against white.
// 待明确责任单位 (violet) and 未报送 (fuchsia, dashed badge) are hues no reported status uses, so neither can
// be read as on track.
export const TASK_STATUS_STYLE: Record<TaskStatusValue, { badge: string; dot: string; fill: string }> = {
  UNASSIGNED: { badge: "bg-violet-100 text-violet-800", dot: "bg-violet-600", fill: "#7c3aed" },
  NO_REPORT: {
    badge: "border border-dashed border-fuchsia-400 bg-fuchsia-50 text-fuchsia-800",
    dot: "bg-fuchsia-600",
    fill: "#c026d3",
  },
  NOT_STARTED: { badge: "bg-slate-100 text-slate-800", dot: "bg-slate-500", fill: "#64748b" },
  ON_TRACK: { badge: "bg-green-100 text-green-800", dot: "bg-green-600", fill: "#16a34a" },
  AT_RISK: { badge: "bg-amber-100 text-amber-900", dot: "bg-amber-500", fill: "#d97706" },
  LAGGING: { badge: "bg-red-100 text-red-800", dot: "bg-red-600", fill: "#dc2626" },
  COMPLETED: { badge: "bg-blue-100 text-blue-800", dot: "bg-blue-600", fill: "#2563eb" },
  ONGOING: { badge: "bg-teal-100 text-teal-800", dot: "bg-teal-600", fill: "#0d9488" },
};

/** Chart order: done first, then healthy, then unknown, then the ones needing attention at the end of the bar. */
export const TASK_STATUS_CHART_ORDER: TaskStatusValue[] = [
  "COMPLETED",
  "ON_TRACK",
  "ONGOING",
  "NOT_STARTED",
  "NO_REPORT",
  "UNASSIGNED",
  "AT_RISK",
  "LAGGING",
];
