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
    count: "{count} 项",
    databaseUnavailable: "数据库暂时无法连接，请稍后重试。",
  },
  overview: {
    title: "总览",
    intro: "数字强省建设各项规划文件的任务、指标与进展一览。",
    documents: "规划文件",
    tasks: "任务",
    departments: "责任单位",
    indicators: "指标",
  },
  documents: {
    title: "规划文件",
    intro: "已导入的规划、工作要点与实施方案。",
    issuer: "发文单位",
    issuedDate: "印发日期",
    docNumber: "文号",
    taskCount: "任务数",
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
  },
  reports: {
    title: "进展通报",
    intro: "每两个月一期的工作进展通报。",
    none: "尚未发布进展通报。",
    version: "第 {version} 版",
  },
  footer: {
    note: "数据来源：山东省人民政府及其办公厅公开发布的规划文件。",
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
