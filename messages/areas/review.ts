import type { Widen } from "../widen";

export const reviewZh = {
  title: "审核督办",
  intro: "待审核的填报与本期未报送的单位。",
  period: "当前报送周期：{period}（{start} 至 {end}）",
  awaiting: "待审核（{count}）",
  awaitingEmpty: "没有待审核的填报。",
  submittedAt: "提交时间",
  open: "打开审核",
  supervision: "督办清单：本期未报送情况",
  supervisionEmpty: "本期所有牵头任务均已报送。",
  supervisionRule:
    "需报送：各单位牵头的、本期须报告的任务——本期已填报的一律计入；上期末已完成的不计；常态化推进的在文件实施期内计入；未完成的一律计入（文件期满后仍计入，直至完成）。只看每份报告的最新版本，被退回的须重新报送。",
  department: "单位",
  inScope: "需报送任务",
  submittedCount: "已报送",
  missing: "未报送",
  periodName: "{year}年第{index}期（{months}月）",
} as const;

export const reviewEn: Widen<typeof reviewZh> = {
  title: "Review and supervision",
  intro: "Reports awaiting review and departments that have not reported this period.",
  period: "Current reporting period: {period} ({start} to {end})",
  awaiting: "Awaiting review ({count})",
  awaitingEmpty: "Nothing awaits review.",
  submittedAt: "Submitted",
  open: "Review",
  supervision: "Supervision list: reports missing this period",
  supervisionEmpty: "Every lead task has been reported this period.",
  supervisionRule:
    "To report: the tasks each department leads that must be reported on this period — any task it has already filed for this period; not a task completed by the end of the previous period; a routine (常态化) task while its document is in force; every unfinished task, also after its document's period, until it is finished. Only the latest version of each report counts; a returned report must be resubmitted.",
  department: "Department",
  inScope: "Tasks to report",
  submittedCount: "Reported",
  missing: "Missing",
  periodName: "{year} period {index} ({months})",
};
