/**
 * A bulletin snapshot shaped like the 2026-P5 one the issue was filed about: money indicators recorded
 * in 元 (30,013,172,629), counts in 个, long task texts and unit lists, 编号 such as （三）12, and long
 * lists — for rendering tests of the Word, PDF and Excel files.
 */
import {
  emptyIndicatorCounts,
  emptyStatusCounts,
  type BulletinMeta,
  type BulletinSnapshot,
} from "@/lib/reports/bulletin";

const UNITS = ["省工业和信息化厅", "省通信管理局", "省发展改革委", "省大数据局", "省财政厅", "省科技厅"];

export function bulletinFixture(tasks = 60): BulletinSnapshot {
  const task = (i: number, status: "LAGGING" | "AT_RISK" | "COMPLETED") => ({
    taskId: i + 1,
    number: i % 3 === 0 ? `（三）${i + 1}` : `${i + 1}`,
    document: i % 2 ? "数字强省建设2023年工作要点" : "山东省数字政府建设实施方案",
    heading: `推进全省一体化大数据平台建设第${i + 1}项，完善数据资源目录和共享交换体系，2025年年底前全面建成`,
    status,
    previousStatus: "ON_TRACK" as const,
    progress: (i * 7) % 100,
    leadUnits: [UNITS[i % UNITS.length]!, UNITS[(i + 1) % UNITS.length]!],
    problems: i % 4 ? "项目资金尚未全部到位，部分市级平台对接进度慢于预期" : "",
  });
  return {
    schemaVersion: 2,
    period: { year: 2026, index: 5, code: "2026-P5", start: "2026-09-01", end: "2026-10-31" },
    previousPeriodCode: "2026-P4",
    generatedAt: "2026-11-02T01:00:00.000Z",
    summary: {
      totalTasks: 289,
      asOf: "2026-10-31",
      byStatus: { ...emptyStatusCounts(), COMPLETED: 101, LAGGING: 40, AT_RISK: 20, ON_TRACK: 128 },
      previousByStatus: { ...emptyStatusCounts(), COMPLETED: 90, LAGGING: 38, AT_RISK: 21, ON_TRACK: 140 },
      rollUp: {
        status: "AT_RISK",
        reason: "SOME_BEHIND",
        total: 289,
        completed: 101,
        completionRate: 0.35,
        lagging: 40,
        unknown: 0,
        laggingRate: 0.138,
      },
      firstReportCompleted: 4,
      byDocument: [
        {
          key: "five-year",
          label: "山东省“十四五”数字强省建设规划",
          total: 120,
          completed: 40,
          lagging: 20,
          atRisk: 10,
          completionRate: 0.3333,
          rollUp: { status: "BEHIND", reason: "SOME_BEHIND" },
        },
        {
          key: "gov",
          label: "山东省数字政府建设实施方案",
          total: 169,
          completed: 61,
          lagging: 20,
          atRisk: 10,
          completionRate: 0.361,
          rollUp: { status: "AT_RISK", reason: "SOME_BEHIND" },
        },
      ],
      byArea: [
        {
          key: "数字基础设施",
          label: "数字基础设施",
          total: 80,
          completed: 30,
          lagging: 8,
          atRisk: 4,
          completionRate: 0.375,
          rollUp: { status: "ON_PACE", reason: "REPORTED_ON_PACE" },
        },
      ],
      indicatorsByStatus: { ...emptyIndicatorCounts(), ON_PACE: 2, BEHIND: 1, AT_RISK: 1 },
      reports: { submitted: 120, approved: 100, returned: 5, draft: 9 },
      departmentsInScope: 40,
      departmentsNotSubmitted: 3,
    },
    laggingTasks: Array.from({ length: tasks }, (_, i) => task(i, i % 3 ? "LAGGING" : "AT_RISK")),
    newlyCompleted: Array.from({ length: 8 }, (_, i) => task(100 + i, "COMPLETED")),
    departmentsNotSubmitted: [
      { departmentId: 1, name: "省工业和信息化厅", tasksInScope: 31, missing: 12 },
      { departmentId: 2, name: "省通信管理局", tasksInScope: 9, missing: 9 },
      { departmentId: 3, name: "省发展改革委", tasksInScope: 5, missing: 1 },
    ],
    indicators: [
      {
        id: 1,
        name: "数字经济核心产业增加值",
        unit: "元",
        area: "数字经济",
        status: "BEHIND",
        latest: { value: 30_013_172_629, asOf: "2023-12-31" },
        target: { value: 1_400_000_000_000, comparator: "GT", dueDate: "2025-12-31" },
        expectedShare: 0.85,
        actualShare: 0.2,
      },
      {
        id: 2,
        name: "软件和信息技术服务业业务收入",
        unit: "元",
        area: "数字经济",
        status: "AT_RISK",
        latest: { value: 402_490_824_731, asOf: "2026-06-30" },
        target: { value: 800_000_000_000, comparator: "GTE", dueDate: "2026-12-31" },
        expectedShare: 0.8,
        actualShare: 0.5,
      },
      {
        id: 3,
        name: "5G基站",
        unit: "个",
        area: "数字基础设施",
        status: "ON_PACE",
        latest: { value: 162_345, asOf: "2026-09-30" },
        target: { value: 200_000, comparator: "GTE", dueDate: "2026-12-31" },
        expectedShare: 0.8,
        actualShare: 0.81,
      },
      {
        id: 4,
        name: "数据中心标准机架",
        unit: "万个",
        area: "数字基础设施",
        status: "ON_PACE",
        latest: { value: 47.89, asOf: "2023-12-31" },
        target: { value: 35, comparator: "GTE", dueDate: "2023-12-31" },
        expectedShare: 1,
        actualShare: 1.2,
      },
      {
        id: 5,
        name: "政务服务事项网上可办率",
        unit: "%",
        area: "数字政府",
        status: "ACHIEVED",
        latest: { value: 98.6, asOf: "2026-10-31" },
        target: { value: 98, comparator: "GTE", dueDate: "2025-12-31" },
        expectedShare: 1,
        actualShare: 1.05,
      },
    ],
    narratives: [
      {
        taskId: 1,
        number: "12",
        document: "数字强省建设2023年工作要点",
        heading: "建设5G全连接工厂",
        department: "省工业和信息化厅",
        status: "COMPLETED",
        progress: 100,
        reason: "COMPLETED",
        progressText: "已建成5G全连接工厂120家，覆盖重点行业。",
        truncated: false,
      },
    ],
  };
}

export const fixtureMeta: BulletinMeta = {
  title: "数字强省建设工作进展通报（2026年第5期）",
  issueLabel: "2026年第5期",
  issuer: "山东省数字强省建设领导小组办公室",
  version: 1,
  issuedOn: "2026-11-03",
  draft: false,
};

export const officialMeta: BulletinMeta = {
  ...fixtureMeta,
  official: {
    docNumber: "鲁数字办〔2026〕5号",
    copyTo: ["省委办公厅", "省人大常委会办公厅", "省政协办公厅", "各市人民政府"],
    printedBy: "山东省数字强省建设领导小组办公室",
  },
};
