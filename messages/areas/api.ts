import type { Widen } from "../widen";

// Texts of the REST API's OpenAPI document (/api/v1/openapi.json). The document is English only (it is
// read by developers and their tools); the Chinese texts keep the catalogue whole.
export const apiZh = {
  title: "数字强省建设跟踪平台 API",
  description:
    "规划文件、任务、责任单位、指标与双月填报的 REST 接口。使用个人 API 令牌（在“我的账户”中创建）：请求头 Authorization: Bearer dpt_…。令牌继承其用户的角色和单位，授权与网页界面完全一致。",
  tags: {
    tasks: "任务与填报",
    departments: "责任单位",
    documents: "规划文件",
    indicators: "指标",
    periods: "填报周期",
    meta: "接口说明",
  },
  ops: {
    listTasks: "任务列表（筛选、排序、分页）",
    getTask: "任务详情：承担单位、时间节点、指标与原文位置",
    listTaskUpdates: "任务的填报与评论记录（最新在前）",
    createTaskUpdate: "本单位保存草稿或提交本期填报",
    createReview: "审核填报：通过或退回",
    getTaskAssignments: "任务的责任分工：原文单位、现行分工与调整记录",
    putTaskAssignments: "调整任务的责任分工（仅审核人员与管理员）",
    listDepartments: "责任单位列表",
    getDepartment: "责任单位详情",
    listDocuments: "规划文件列表",
    getDocument: "规划文件详情与章节目录",
    listIndicators: "指标列表",
    getIndicator: "指标详情：基期值与目标值",
    listPeriods: "填报周期（标出当前周期）",
    importAssignments: "上传任务分工表：预览（intent=preview）或确认（intent=commit，全部生效或全部不生效）",
    openapi: "本接口说明（OpenAPI 3.1，无需登录）",
  },
  responses: {
    ok: "成功",
    created: "已保存",
    unauthenticated: "未登录或令牌无效、已撤销、已过期",
    forbidden: "无权执行此操作",
    notFound: "记录不存在",
    validation: "参数或请求内容不符合要求（fieldErrors 指明字段）",
    conflict: "版本冲突：返回服务器上的最新版本与被拒绝的内容",
    payloadTooLarge: "请求内容过大",
    unsupportedMediaType: "请求须为 application/json",
    unavailable: "数据库暂时无法连接",
  },
  auth: {
    bearer: "个人 API 令牌：Authorization: Bearer dpt_…",
    cookie: "网页登录会话（仅限本站页面；写操作须同源）",
  },
} as const;

export const apiEn: Widen<typeof apiZh> = {
  title: "Digital Province Tracker API",
  description:
    "REST access to documents, tasks, departments, indicators and the bimonthly reports. Authenticate with a personal API token (created on “My account”): header Authorization: Bearer dpt_…. A token acts with its user's role and department; authorization is exactly that of the web interface.",
  tags: {
    tasks: "Tasks and reports",
    departments: "Departments",
    documents: "Documents",
    indicators: "Indicators",
    periods: "Reporting periods",
    meta: "About the API",
  },
  ops: {
    listTasks: "List tasks (filter, sort, page)",
    getTask: "A task: units, milestones, indicators and source offsets",
    listTaskUpdates: "A task's reports and comments, newest first",
    createTaskUpdate: "Save a draft or submit your department's report for the current period",
    createReview: "Review a report: approve or return",
    getTaskAssignments: "A task's assignment: the text's units, the current assignment and its history",
    putTaskAssignments: "Change a task's assignment (reviewers and admins only)",
    listDepartments: "List departments",
    getDepartment: "A department",
    listDocuments: "List documents",
    getDocument: "A document and its outline",
    listIndicators: "List indicators",
    getIndicator: "An indicator: baselines and targets",
    listPeriods: "Reporting periods (the current one flagged)",
    importAssignments:
      "Upload a task-division table (任务分工表): preview it (intent=preview) or commit it (intent=commit: every row or none); reviewers and administrators only",
    openapi: "This description (OpenAPI 3.1, public)",
  },
  responses: {
    ok: "OK",
    created: "Saved",
    unauthenticated: "Not signed in, or the token is invalid, revoked or expired",
    forbidden: "Not allowed",
    notFound: "Not found",
    validation: "Invalid parameters or body (fieldErrors names the fields)",
    conflict: "Version conflict: the newer state and the rejected body are returned",
    payloadTooLarge: "Request body too large",
    unsupportedMediaType: "The body must be application/json",
    unavailable: "The database is unavailable",
  },
  auth: {
    bearer: "Personal API token: Authorization: Bearer dpt_…",
    cookie: "Web session (our own pages only; writes must be same-origin)",
  },
};
