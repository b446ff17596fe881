import { authZh } from "./areas/auth";
import { adminZh } from "./areas/admin";
import { reviewZh } from "./areas/review";
import { updatesZh } from "./areas/updates";
import { taskListZh } from "./areas/taskList";
import { departmentPageZh } from "./areas/departmentPage";
import { apiZh } from "./areas/api";
import { accountZh } from "./areas/account";
import { observationsZh } from "./areas/observations";
import { overviewZh } from "./areas/overview";
import { indicatorChartZh } from "./areas/indicatorChart";
import { compareZh } from "./areas/compare";
import { observationImportZh } from "./areas/observationImport";
import { assignmentImportZh } from "./areas/assignmentImport";
import { inputRulesZh } from "./areas/inputRules";
import { indicatorAdminZh } from "./areas/indicatorAdmin";
import { documentDashboardZh } from "./areas/documentDashboard";
import { bulletinZh } from "./areas/bulletin";
import { uploadsZh } from "./areas/uploads";
import { assignmentsZh } from "./areas/assignments";
import { inputTextZh } from "./areas/inputText";
import { errorsZh } from "./areas/errors";
import type { Widen } from "./widen";

/**
 * The message catalogue. Chinese is the source language; en.ts must provide every key (the type
 * system enforces it). Placeholders use {name}.
 */
export const zhCN = {
  app: {
    name: "数字强省建设跟踪",
    fullName: "山东省数字强省建设跟踪平台",
    tagline: "规划、工作要点与实施方案的任务、指标与进展",
    skipToContent: "跳到正文",
  },
  nav: {
    label: "主导航",
    overview: "总览",
    documents: "规划文件",
    tasks: "任务",
    departments: "责任单位",
    indicators: "指标",
    reports: "进展通报",
    review: "审核督办",
    admin: "系统管理",
    account: "我的账户",
  },
  locale: {
    switchLabel: "语言",
    zhCN: "中文",
    en: "English",
  },
  common: {
    loading: "加载中…",
    empty: "暂无数据",
    error: "出错了",
    retry: "重试",
    notFound: "页面不存在",
    backHome: "返回总览",
    dataTable: "数据表",
    count: "{count} 项",
    databaseUnavailable: "数据库暂时无法连接，请稍后重试。",
  },
  documents: {
    title: "规划文件",
    intro: "已导入的规划、工作要点与实施方案。",
    issuer: "发文单位",
    issuedDate: "印发日期",
    docNumber: "文号",
    taskCount: "任务数",
    period: "实施期",
    structure: "文件结构",
    sourceText: "原文",
    sourceFiles: "来源文件",
    primaryFile: "主文本",
    unitsFile: "单位清单副本",
    encoding: "编码",
    warnings: "提取提示 {count} 条",
    legend: "图例",
    legendTask: "任务",
    legendUnits: "责任单位清单",
    legendMilestone: "时间节点",
    legendTarget: "量化目标",
    legendBaseline: "基期值",
    recordCounts:
      "本文件中识别出任务 {tasks} 项、单位清单 {units} 处、时间节点 {milestones} 个、量化目标 {targets} 个、基期值 {baselines} 个。",
    readerHint: "高亮标出从原文提取的记录；从任务或指标页面的“原文”链接进入时，对应句子以红框突出显示。",
    openTask: "查看任务",
    kind: {
      PLAN: "规划",
      WORK_POINTS: "工作要点",
      IMPLEMENTATION_SCHEME: "实施方案",
      OTHER: "其他",
    },
  },
  tasks: {
    title: "任务",
    intro: "各文件中的重点任务与推进措施。",
    number: "编号",
    document: "文件",
    task: "任务",
    leadUnits: "牵头单位",
    unassigned: "未明确",
    pageOf: "第 {page} 页，共 {pages} 页（{total} 项）",
    previous: "上一页",
    next: "下一页",
    detail: {
      source: "原文",
      sourceLink: "在原文中查看",
      section: "所属章节",
      text: "任务内容",
      units: "责任单位",
      lead: "牵头单位",
      responsible: "责任单位",
      cooperating: "配合单位",
      noUnits: "原文未列明责任单位",
      unitsFrom: "单位清单来自 {file}",
      milestones: "时间节点",
      noMilestones: "未设定时间节点（在文件实施期内持续推进）",
      due: "截止日期",
      overdue: "已逾期",
      completed: "已完成于 {date}",
      open: "未完成",
      indicators: "相关指标",
      noIndicators: "无相关量化指标",
      kind: { TASK: "任务", MEASURE: "推进措施", COLUMN_ITEM: "专栏项目" },
      retired: "该任务在最新导入的文件中已不存在，仅保留历史记录。",
    },
  },
  departments: {
    title: "责任单位",
    intro: "承担任务的省直部门与单位。",
    name: "单位",
    asLead: "牵头任务",
    asResponsible: "参与任务",
    generic: "泛指单位",
  },
  indicators: {
    title: "指标",
    intro: "各文件中的量化指标、目标值与实际值。",
    name: "指标",
    unit: "单位",
    area: "领域",
    targets: "目标值",
    baselines: "基期值",
    status: "状态",
    latest: "最新值",
    target: "对应目标",
    allAreas: "全部领域",
    allStatuses: "全部状态",
    filter: "筛选",
    reset: "清除",
    count: "共 {count} 项指标",
    baseline: "基期值",
    progress: "进度",
    progressLabel: "实际完成",
    expectedLabel: "序时进度",
    noMatch: "没有符合条件的指标。",
    moreInArea: "显示前 {shown} 项，查看「{area}」全部 {total} 项",
    pages: "分页",
    pageOf: "第 {page} / {pages} 页",
    previousPage: "上一页",
    nextPage: "下一页",
    areaSummary: "{count} 项 · 已实现 {achieved} · 滞后 {behind}",
    statusLabel: {
      ACHIEVED: "已实现",
      ON_PACE: "符合序时进度",
      AT_RISK: "存在风险",
      BEHIND: "滞后",
      NO_DATA: "暂无数据",
    },
    detail: {
      direction: "方向",
      higherIsBetter: "越高越好",
      lowerIsBetter: "越低越好",
      value: "数值",
      asWritten: "原文表述",
      asOf: "时点",
      due: "目标时间",
      document: "来源文件",
      task: "任务",
      quote: "原文摘录",
      source: "原文",
      aspirational: "力争",
      cumulative: "累计",
      annual: "年度",
      noTargets: "暂无目标值",
      noBaselines: "暂无基期值",
    },
  },
  reports: {
    title: "进展通报",
    intro: "每两个月一期的工作进展通报。",
    none: "尚未发布进展通报。",
    version: "第 {version} 版",
  },
  sample: {
    banner:
      "演示环境：当前的任务进展和指标实际值中包含系统生成的示例数据（{date} 生成），并非真实报送或统计，仅供熟悉系统使用。",
    tag: "示例数据",
  },
  footer: {
    note: "数据来源：山东省人民政府及其办公厅公开发布的规划文件。",
  },
  // Areas kept in their own files (messages/areas/*.ts, both languages side by side).
  auth: authZh,
  admin: adminZh,
  review: reviewZh,
  updates: updatesZh,
  taskList: taskListZh,
  departmentPage: departmentPageZh,
  api: apiZh,
  account: accountZh,
  observations: observationsZh,
  overview: overviewZh,
  indicatorChart: indicatorChartZh,
  compare: compareZh,
  observationImport: observationImportZh,
  assignmentImport: assignmentImportZh,
  inputRules: inputRulesZh,
  indicatorAdmin: indicatorAdminZh,
  documentDashboard: documentDashboardZh,
  bulletin: bulletinZh,
  uploads: uploadsZh,
  assignments: assignmentsZh,
  inputText: inputTextZh,
  errors: errorsZh,
} as const;

export type Messages = Widen<typeof zhCN>;
