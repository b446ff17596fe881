import { authEn } from "./areas/auth";
import { adminEn } from "./areas/admin";
import { reviewEn } from "./areas/review";
import { updatesEn } from "./areas/updates";
import { taskListEn } from "./areas/taskList";
import { departmentPageEn } from "./areas/departmentPage";
import { apiEn } from "./areas/api";
import { accountEn } from "./areas/account";
import { observationsEn } from "./areas/observations";
import { overviewEn } from "./areas/overview";
import { indicatorChartEn } from "./areas/indicatorChart";
import { compareEn } from "./areas/compare";
import { observationImportEn } from "./areas/observationImport";
import { assignmentImportEn } from "./areas/assignmentImport";
import { inputRulesEn } from "./areas/inputRules";
import { indicatorAdminEn } from "./areas/indicatorAdmin";
import { documentDashboardEn } from "./areas/documentDashboard";
import { bulletinEn } from "./areas/bulletin";
import { uploadsEn } from "./areas/uploads";
import { assignmentsEn } from "./areas/assignments";
import { inputTextEn } from "./areas/inputText";
import { errorsEn } from "./areas/errors";
import type { Messages } from "./zh-CN";

export const en: Messages = {
  app: {
    name: "Digital Province Tracker",
    fullName: "Shandong Digital Province Tracker",
    tagline: "Tasks, indicators and progress of the plans, work points and implementation schemes",
    skipToContent: "Skip to content",
  },
  nav: {
    label: "Main navigation",
    overview: "Overview",
    documents: "Documents",
    tasks: "Tasks",
    departments: "Departments",
    indicators: "Indicators",
    reports: "Bulletins",
    review: "Review",
    admin: "Administration",
    account: "My account",
  },
  locale: {
    switchLabel: "Language",
    zhCN: "中文",
    en: "English",
  },
  common: {
    loading: "Loading…",
    empty: "Nothing here yet",
    error: "Something went wrong",
    retry: "Try again",
    notFound: "Page not found",
    backHome: "Back to the overview",
    dataTable: "Data table",
    count: "{count} items",
    databaseUnavailable: "The database cannot be reached right now. Please try again shortly.",
  },
  documents: {
    title: "Documents",
    intro: "The imported plans, work points and implementation schemes.",
    issuer: "Issuer",
    issuedDate: "Issued",
    docNumber: "Number",
    taskCount: "Tasks",
    period: "Period",
    structure: "Structure",
    sourceText: "Source text",
    sourceFiles: "Source files",
    primaryFile: "main text",
    unitsFile: "copy with unit lists",
    encoding: "encoding",
    warnings: "{count} extraction notes",
    legend: "Legend",
    legendTask: "Task",
    legendUnits: "Responsible units",
    legendMilestone: "Milestone",
    legendTarget: "Quantitative target",
    legendBaseline: "Baseline",
    recordCounts:
      "Found in this file: {tasks} tasks, {units} unit lists, {milestones} milestones, {targets} targets, {baselines} baselines.",
    readerHint:
      "Highlights mark the records extracted from the text; arriving from a task's or indicator's “source” link outlines its sentence in red.",
    openTask: "Open task",
    kind: {
      PLAN: "Plan",
      WORK_POINTS: "Work points",
      IMPLEMENTATION_SCHEME: "Implementation scheme",
      OTHER: "Other",
    },
  },
  tasks: {
    title: "Tasks",
    intro: "Key tasks and measures from every document.",
    number: "No.",
    document: "Document",
    task: "Task",
    leadUnits: "Lead units",
    unassigned: "Not specified",
    pageOf: "Page {page} of {pages} ({total} items)",
    previous: "Previous",
    next: "Next",
    detail: {
      source: "Source",
      sourceLink: "Show in the source text",
      section: "Section",
      text: "Task",
      units: "Units",
      lead: "Lead units",
      responsible: "Responsible units",
      cooperating: "Cooperating units",
      noUnits: "The source names no units",
      unitsFrom: "Unit list from {file}",
      milestones: "Milestones",
      noMilestones: "No dated milestone (ongoing for the document's period)",
      due: "Due",
      overdue: "Overdue",
      completed: "Completed on {date}",
      open: "Open",
      indicators: "Indicators",
      noIndicators: "No quantitative indicator",
      kind: { TASK: "Task", MEASURE: "Measure", COLUMN_ITEM: "Column item" },
      retired: "This task no longer appears in the latest import of its document; kept for the record.",
    },
  },
  departments: {
    title: "Departments",
    intro: "Provincial departments and units responsible for tasks.",
    name: "Unit",
    asLead: "Leading",
    asResponsible: "Contributing",
    generic: "Generic unit",
  },
  indicators: {
    title: "Indicators",
    intro: "Quantitative indicators, targets and actual values.",
    name: "Indicator",
    unit: "Unit",
    area: "Area",
    targets: "Targets",
    baselines: "Baselines",
    status: "Status",
    latest: "Latest value",
    target: "Target",
    allAreas: "All areas",
    allStatuses: "All statuses",
    filter: "Filter",
    reset: "Clear",
    count: "{count} indicators",
    baseline: "Baseline",
    progress: "Progress",
    progressLabel: "Done",
    expectedLabel: "expected",
    noMatch: "No indicator matches these filters.",
    moreInArea: "Showing the first {shown}: see all {total} in {area}",
    pages: "Pages",
    pageOf: "Page {page} of {pages}",
    previousPage: "Previous",
    nextPage: "Next",
    areaSummary: "{count} · {achieved} achieved · {behind} behind",
    statusLabel: { ACHIEVED: "Achieved", ON_PACE: "On pace", AT_RISK: "At risk", BEHIND: "Behind", NO_DATA: "No data" },
    detail: {
      direction: "Direction",
      higherIsBetter: "higher is better",
      lowerIsBetter: "lower is better",
      value: "Value",
      asWritten: "As written",
      asOf: "As of",
      due: "Due",
      document: "Document",
      task: "Task",
      quote: "Quote",
      source: "Source",
      aspirational: "aspirational",
      cumulative: "cumulative",
      annual: "annual",
      noTargets: "No targets",
      noBaselines: "No baselines",
    },
  },
  reports: {
    title: "Bulletins",
    intro: "The bimonthly progress bulletins.",
    none: "No bulletin has been published yet.",
    version: "version {version}",
  },
  sample: {
    banner:
      "Demo environment: task progress and indicator values include generated sample data (created {date}), not real reports or statistics. Use it to get to know the system.",
    tag: "Sample data",
  },
  footer: {
    note: "Source: planning documents published by the Shandong Provincial People's Government and its General Office.",
  },
  auth: authEn,
  admin: adminEn,
  review: reviewEn,
  updates: updatesEn,
  taskList: taskListEn,
  departmentPage: departmentPageEn,
  api: apiEn,
  account: accountEn,
  observations: observationsEn,
  overview: overviewEn,
  indicatorChart: indicatorChartEn,
  compare: compareEn,
  observationImport: observationImportEn,
  assignmentImport: assignmentImportEn,
  inputRules: inputRulesEn,
  indicatorAdmin: indicatorAdminEn,
  documentDashboard: documentDashboardEn,
  bulletin: bulletinEn,
  uploads: uploadsEn,
  assignments: assignmentsEn,
  inputText: inputTextEn,
  errors: errorsEn,
};
