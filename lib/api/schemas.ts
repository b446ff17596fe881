/**
 * The REST API's contract (/api/v1): zod schemas for query strings, request bodies and responses. The
 * route handlers validate with them, the serialisers are typed by them, and the OpenAPI document is
 * generated from them (`z.toJSONSchema`), so the three cannot drift apart. Pure: no server imports.
 */
import { z } from "zod";
import { messageRef } from "../i18n/message";
import { EARLIEST_DATE, inputDateSchema, inputRuleMessage, YEARS_AHEAD } from "../domain/dates";
import { TASK_STATES } from "../domain/task-state";
import { REVIEW_STATES, TASK_STATUSES } from "../domain/task-status";
import { text } from "../domain/text-input";
import { assignmentChangeFields } from "../schemas/assignments";
import { MILESTONE_DATES_MAX, reviewFields, taskUpdateInput } from "../schemas/task-updates";
import { STATUS, type ErrorCode } from "../server/errors";

// ───────────────────────────── primitives ─────────────────────────────

/** A calendar date in Asia/Shanghai, YYYY-MM-DD. */
export const isoDate = z.string().meta({ format: "date", examples: ["2023-12-31"] });
/** A date a client sends: the one rule of lib/domain/dates.ts (a real date from 2000-01-01 to ten years ahead). */
export const inputDate = inputDateSchema.meta({
  format: "date",
  examples: ["2023-12-31"],
  description: `A real date from ${EARLIEST_DATE} to ${YEARS_AHEAD} years after today`,
});
/** An instant, ISO 8601 in UTC. */
export const isoDateTime = z.string().meta({ format: "date-time", examples: ["2024-03-01T08:30:00.000Z"] });

export const ASSIGNMENT_ROLES = ["LEAD", "RESPONSIBLE", "COOPERATING"] as const;
export const TASK_KINDS = ["TASK", "MEASURE", "COLUMN_ITEM"] as const;
export const DOCUMENT_KINDS = ["PLAN", "WORK_POINTS", "IMPLEMENTATION_SCHEME", "OTHER"] as const;
export const DEPARTMENT_KINDS = ["PROVINCIAL", "CITY", "CENTRAL", "ENTERPRISE", "GENERIC"] as const;
export const COMPARATORS = ["GTE", "GT", "EQ", "APPROX", "LTE", "LT"] as const;
export const TASK_SORTS = ["document", "due", "-due", "progress", "-progress", "-updated"] as const;

const ERROR_CODES = Object.keys(STATUS) as [ErrorCode, ...ErrorCode[]];

const id = z.number().int().positive();
const taskStatus = z.enum(TASK_STATUSES);
const STATE_RULE =
  "The task's state today (one rule for the web interface, the API and the bulletin): COMPLETED / ONGOING " +
  "when its latest approved lead report says so; UNASSIGNED when it has no lead unit that can report (none, " +
  "or only a group such as 有关部门); LAGGING when its deadline has passed unfinished or its report says so; " +
  "else AT_RISK / ON_TRACK / NOT_STARTED as its latest approved report says; NO_REPORT when it has a lead " +
  "unit but no approved report.";
const taskState = z.enum(TASK_STATES);
const taskFacts = {
  status: taskState.meta({ description: STATE_RULE }),
  reportedStatus: taskStatus
    .nullable()
    .meta({ description: "The status of its latest approved lead report; null when none was approved" }),
  pastDue: z.boolean().meta({ description: "Unfinished and past its deadline today" }),
  deadline: isoDate.nullable().meta({
    description: "Its last milestone's due date, else its document's period end",
  }),
};

// ───────────────────────────── path parameters ─────────────────────────────

const pathId = z.coerce
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .meta({ description: "Numeric id", examples: [1] });

export const idParams = z.object({ id: pathId });
export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, messageRef("errors.invalidSlug"))
    .meta({ description: "Document slug", examples: ["work-points-2023"] }),
});

// ───────────────────────────── query strings ─────────────────────────────

export const taskListQuery = z.object({
  document: slugParams.shape.slug.optional().meta({ description: "Only this document's tasks" }),
  department: pathId.optional().meta({ description: "Only tasks assigned to this department" }),
  role: z
    .enum(ASSIGNMENT_ROLES)
    .optional()
    .meta({ description: "The assignment role (lead, responsible, cooperating), with or without department" }),
  status: taskState.optional().meta({
    description:
      "Only tasks in this state today (see TaskListItem.status); the six reported statuses (e.g. LAGGING) " +
      "are states too, LAGGING including the tasks past their deadline",
  }),
  overdue: z.enum(["true", "false"]).optional().meta({
    description: "Has an open milestone past its due date (milestone level; compare pastDue)",
  }),
  q: text()
    .trim()
    .max(100)
    .optional()
    .meta({ description: "Text search in number, title and text (case-insensitive)" }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(TASK_SORTS).default("document").meta({
    description: "Sort order",
  }),
});
export type TaskListQuery = z.output<typeof taskListQuery>;

export const periodListQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .refine((year) => year <= new Date().getUTCFullYear() + YEARS_AHEAD, {
      error: () =>
        inputRuleMessage("yearRange", {
          min: EARLIEST_DATE.slice(0, 4),
          max: new Date().getUTCFullYear() + YEARS_AHEAD,
        }),
    })
    .optional()
    .meta({ description: "Year" }),
});

// ───────────────────────────── request bodies ─────────────────────────────

const rejectUnknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys"
      ? messageRef("errors.unknownFields", { fields: (issue.keys ?? []).join(", ") })
      : undefined,
};

/**
 * `taskUpdateInput` of lib/schemas/task-updates.ts without `taskId` (taken from the path), with the
 * OpenAPI descriptions. Strict: a `taskId` or `departmentId` in the body is refused, never trusted.
 */
const updateFields = taskUpdateInput.shape;
const milestoneDate = updateFields.milestoneDates.unwrap().element.extend({ completedDate: inputDate });
export const taskUpdateBody = z.strictObject(
  taskUpdateInput.omit({ taskId: true }).extend({
    intent: updateFields.intent.meta({ description: "draft: save a draft; submit: send it for review" }),
    expectedVersion: updateFields.expectedVersion.meta({
      description: "The version you started from, 0 when there is no report yet",
    }),
    progressText: updateFields.progressText.meta({ description: "Progress" }),
    problems: updateFields.problems.meta({ description: "Problems" }),
    nextSteps: updateFields.nextSteps.meta({ description: "Next steps" }),
    // The same field, its dates documented as `format: date` for API clients.
    milestoneDates: z.array(milestoneDate).max(MILESTONE_DATES_MAX).default([]),
  }).shape,
  rejectUnknownKeys,
);
export type TaskUpdateBody = z.output<typeof taskUpdateBody>;

/** `reviewInput` without `taskId` (taken from the path); `departmentId` names whose report is reviewed. */
export const reviewBody = z.strictObject(
  reviewFields.omit({ taskId: true }).extend({
    departmentId: reviewFields.shape.departmentId.meta({
      description: "The department whose report is reviewed",
    }),
    comment: reviewFields.shape.comment.meta({ description: "Required when returning" }),
  }).shape,
  rejectUnknownKeys,
);
export type ReviewBody = z.output<typeof reviewBody>;

/** PUT /tasks/{id}/assignments: the whole assignment (units by role), the deadline, why and from when. */
export const assignmentBody = z.strictObject(
  {
    lead: assignmentChangeFields.shape.lead.meta({ description: "Department ids of the lead units (牵头单位)" }),
    responsible: assignmentChangeFields.shape.responsible.meta({
      description: "Department ids of the responsible units (责任单位)",
    }),
    cooperating: assignmentChangeFields.shape.cooperating.meta({
      description: "Department ids of the cooperating units (配合单位)",
    }),
    deadline: assignmentChangeFields.shape.deadline.meta({
      description:
        "YYYY-MM-DD, only where the text gives no milestone, within the document's period; null removes it; omitted keeps it",
    }),
    note: assignmentChangeFields.shape.note.meta({ description: "Why (required, 1–500 characters)" }),
    effectiveDate: assignmentChangeFields.shape.effectiveDate.meta({
      description: "YYYY-MM-DD: from when it holds; not after today, not before the document's start",
    }),
  },
  rejectUnknownKeys,
);
export type AssignmentBody = z.output<typeof assignmentBody>;

// ───────────────────────────── responses ─────────────────────────────

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z
        .string()
        .meta({ description: "In the request's language (Accept-Language: zh-CN or en; zh-CN by default)" }),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
      current: z.unknown().optional(),
    }),
  })
  .meta({ description: "Every error has this shape" });

export const unitRef = z.object({ id, name: z.string(), generic: z.boolean() });
export const unitsByRole = z.object({
  lead: z.array(unitRef).meta({ description: "Lead units (牵头单位)" }),
  responsible: z.array(unitRef).meta({ description: "Responsible units (责任单位)" }),
  cooperating: z.array(unitRef).meta({ description: "Cooperating units (配合单位)" }),
});

export const sourceRef = z
  .object({
    fileName: z.string(),
    startOffset: z.number().int(),
    endOffset: z.number().int(),
    href: z.string().meta({ description: "Reader URL (relative)" }),
  })
  .meta({ description: "Where the record stands in its raw source file" });

export const taskListItem = z.object({
  id,
  key: z.string(),
  number: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string().nullable(),
  text: z.string(),
  document: z.object({ slug: z.string(), shortTitle: z.string() }),
  ...taskFacts,
  progress: z.number().int(),
  nextDueDate: isoDate.nullable(),
  overdue: z.boolean().meta({ description: "Has an open milestone past its due date" }),
  units: unitsByRole,
});
export type ApiTaskListItem = z.output<typeof taskListItem>;

export const taskListResponse = z.object({
  items: z.array(taskListItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type ApiTaskList = z.output<typeof taskListResponse>;

export const taskDetail = taskListItem.extend({
  retired: z.boolean(),
  statusUpdatedAt: isoDateTime.nullable(),
  document: z.object({ slug: z.string(), title: z.string(), shortTitle: z.string() }),
  section: z.object({ path: z.string(), title: z.string() }).nullable(),
  source: sourceRef,
  unitsSource: sourceRef.nullable(),
  milestones: z.array(
    z.object({
      id,
      dueDate: isoDate,
      text: z.string(),
      completedDate: isoDate.nullable(),
      overdue: z.boolean(),
      source: sourceRef.nullable(),
    }),
  ),
  indicators: z.array(z.object({ id, name: z.string(), unit: z.string() })),
});
export type ApiTaskDetail = z.output<typeof taskDetail>;

export const taskUpdate = z.object({
  id,
  taskId: id,
  periodId: id,
  periodCode: z.string().meta({ examples: ["2024-P3"] }),
  departmentId: id,
  departmentName: z.string(),
  kind: z.enum(["LEAD_REPORT", "CONTRIBUTION"]),
  version: z.number().int(),
  reviewState: z.enum(REVIEW_STATES),
  status: taskStatus,
  progress: z.number().int(),
  progressText: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  milestoneDates: z.array(milestoneDate),
  reviewComment: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: isoDateTime,
});
export type ApiTaskUpdate = z.output<typeof taskUpdate>;

export const conflictResponse = z
  .object({
    error: z.object({
      code: z.literal("CONFLICT"),
      message: z.string(),
      current: taskUpdate.nullable().meta({ description: "The newer state to start from" }),
      submitted: z.unknown().optional().meta({ description: "The rejected body, echoed back so it is not lost" }),
    }),
  })
  .meta({ description: "Stale expectedVersion or the report awaits review" });

export const timelineEntry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("update"), at: isoDateTime, update: taskUpdate }),
  z.object({
    type: z.literal("comment"),
    at: isoDateTime,
    comment: z.object({ id, author: z.string().nullable(), body: z.string() }),
  }),
]);
export type ApiTimelineEntry = z.output<typeof timelineEntry>;
export const timelineResponse = z.object({ items: z.array(timelineEntry) });

const roleCounts = z.object({
  lead: z.number().int(),
  responsible: z.number().int(),
  cooperating: z.number().int(),
});

export const departmentListItem = z.object({
  id,
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(DEPARTMENT_KINDS),
  generic: z.boolean(),
  taskCounts: roleCounts.meta({ description: "Current tasks by role" }),
});
export type ApiDepartmentListItem = z.output<typeof departmentListItem>;
export const departmentListResponse = z.object({ items: z.array(departmentListItem) });

export const departmentDetail = departmentListItem.extend({
  aliases: z.array(z.string()).meta({ description: "Other spellings in the documents" }),
  overdueTaskCount: z.number().int(),
  tasksHref: z.string().meta({ description: "This department's tasks" }),
});
export type ApiDepartmentDetail = z.output<typeof departmentDetail>;

export const documentSummary = z.object({
  slug: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  issuer: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuedDate: isoDate.nullable(),
  taskCount: z.number().int(),
});
export type ApiDocumentSummary = z.output<typeof documentSummary>;
export const documentListResponse = z.object({ items: z.array(documentSummary) });

export const documentDetail = documentSummary.extend({
  periodStart: isoDate,
  periodEnd: isoDate,
  files: z.array(z.object({ fileName: z.string(), role: z.enum(["PRIMARY", "UNITS"]), encoding: z.string() })),
  sections: z.array(
    z.object({
      id,
      path: z.string(),
      title: z.string(),
      kind: z.string(),
      depth: z.number().int(),
      taskCount: z.number().int(),
    }),
  ),
  counts: z.object({
    tasks: z.number().int(),
    units: z.number().int(),
    milestones: z.number().int(),
    targets: z.number().int(),
    baselines: z.number().int(),
  }),
});
export type ApiDocumentDetail = z.output<typeof documentDetail>;

export const indicatorListItem = z.object({
  id,
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  area: z.string(),
  targetCount: z.number().int(),
  baselineCount: z.number().int(),
});
export const indicatorListResponse = z.object({ items: z.array(indicatorListItem) });

const documentRef = z.object({ slug: z.string(), shortTitle: z.string() });

export const indicatorDetail = indicatorListItem.omit({ targetCount: true, baselineCount: true }).extend({
  direction: z.enum(["HIGHER_IS_BETTER", "LOWER_IS_BETTER"]),
  baselines: z.array(
    z.object({
      id,
      value: z.number(),
      unit: z.string(),
      valueAsWritten: z.string(),
      comparator: z.enum(COMPARATORS),
      asOf: isoDate,
      quote: z.string(),
      document: documentRef.nullable(),
      sourceHref: z.string().nullable(),
    }),
  ),
  targets: z.array(
    z.object({
      id,
      value: z.number().meta({ description: "As written, in `unit`" }),
      normalizedValue: z.number().meta({ description: "The value with 万 (10⁴) and 亿 (10⁸) expanded" }),
      unit: z.string(),
      valueAsWritten: z.string(),
      comparator: z.enum(COMPARATORS),
      dueDate: isoDate,
      cumulative: z.boolean().nullable(),
      aspirational: z.boolean().meta({ description: "Aspirational" }),
      quote: z.string(),
      document: documentRef,
      task: z.object({ id, number: z.string() }).nullable(),
      sourceHref: z.string(),
    }),
  ),
});
export type ApiIndicatorDetail = z.output<typeof indicatorDetail>;

export const period = z.object({
  id,
  code: z.string().meta({ examples: ["2024-P3"] }),
  year: z.number().int(),
  index: z.number().int().min(1).max(6).meta({ description: "1: January–February … 6: November–December" }),
  start: isoDate,
  end: isoDate,
  state: z.enum(["OPEN", "LOCKED"]),
  current: z.boolean().meta({ description: "The period that accepts reports now" }),
});
export type ApiPeriod = z.output<typeof period>;
export const periodListResponse = z.object({ items: z.array(period), current: period });

// ───────────────────────────── assignments (issue 15) ─────────────────────────────

const snapshotUnit = z.object({ id, name: z.string().meta({ description: "The name as it was at that moment" }) });
export const assignmentSnapshot = z
  .object({
    lead: z.array(snapshotUnit),
    responsible: z.array(snapshotUnit),
    cooperating: z.array(snapshotUnit),
    deadline: isoDate.nullable().meta({ description: "The assigned deadline, or null when none was" }),
  })
  .meta({ description: "An assignment as it stood at one moment" });

export const taskAssignmentsResponse = z.object({
  taskId: id,
  decided: z.boolean().meta({ description: "A person decided the assignment: re-imports no longer change it" }),
  source: z
    .array(unitRef.extend({ role: z.enum(["LEAD", "RESPONSIBLE", "COOPERATING"]), rawName: z.string() }))
    .meta({ description: "The units the document text names (原文)" }),
  current: unitsByRole
    .extend({ deadline: isoDate.nullable().meta({ description: "The assigned deadline, if any" }) })
    .meta({ description: "The current assignment (分工): reports and counts follow it" }),
  deadlineFromText: z.boolean().meta({ description: "The text gives milestones: no deadline can be assigned" }),
  period: z.object({ start: isoDate, end: isoDate }),
  history: z.array(
    z.object({
      id,
      channel: z.enum(["BROWSER", "API", "TABLE", "REFORM"]),
      batchId: z.string().nullable(),
      actor: z.object({ id, displayName: z.string(), username: z.string() }),
      note: z.string(),
      effectiveDate: isoDate,
      recordedAt: isoDateTime,
      before: assignmentSnapshot,
      after: assignmentSnapshot,
      isSample: z.boolean(),
    }),
  ),
});
export type ApiTaskAssignments = z.output<typeof taskAssignmentsResponse>;

export const assignmentResult = z.object({
  changed: z.boolean().meta({ description: "false: the same assignment again, nothing was recorded" }),
  assignments: taskAssignmentsResponse,
});

// ───────────────────────────── the 任务分工表 import ─────────────────────────────

const hex64 = z.string().regex(/^[0-9a-f]{64}$/i);
const assignmentColumn = z.enum([
  "number",
  "title",
  "source",
  "lead",
  "responsible",
  "cooperating",
  "deadline",
  "note",
]);

/** The multipart form of POST /assignments/import (validated field by field by the route). */
export const assignmentImportForm = z.object({
  document: z.string().meta({ description: "The document's slug: the file's task numbers are this document's" }),
  file: z.string().meta({
    format: "binary",
    description: "The 任务分工表: .xlsx, or .csv in UTF-8 or GB18030; ≤ 2 MB, ≤ 5,000 rows",
  }),
  intent: z.enum(["preview", "commit"]).default("preview"),
  sha256: hex64.optional().meta({ description: "commit: the sha256 the preview returned (the same file)" }),
  version: hex64
    .optional()
    .meta({ description: "commit: the version the preview returned (the tasks unchanged since)" }),
  note: z.string().max(500).optional().meta({ description: "commit: the reason, for rows whose 备注 is empty" }),
  effectiveDate: isoDate.optional().meta({
    description:
      "commit: from when the assignment holds; default today, not in the future nor before the document's start",
  }),
});

export const assignmentPreview = z
  .object({
    document: z.object({ slug: z.string(), title: z.string() }),
    fileName: z.string(),
    sha256: hex64,
    version: hex64,
    format: z.enum(["xlsx", "csv"]),
    encoding: z.enum(["utf-8", "gb18030", "utf-16"]).nullable(),
    rowCount: z.number().int(),
    skipped: z.number().int(),
    unchangedCount: z.number().int().meta({ description: "Rows equal to the task's current assignment (not listed)" }),
    changedCount: z.number().int(),
    errorCount: z.number().int(),
    changes: z.array(
      z.object({
        rowNumber: z.number().int(),
        taskId: id,
        number: z.string(),
        title: z.string(),
        before: assignmentSnapshot,
        after: assignmentSnapshot,
        note: z.string(),
      }),
    ),
    errors: z.array(
      z.object({
        rowNumber: z.number().int(),
        number: z.string(),
        issues: z.array(
          z.object({
            column: assignmentColumn,
            code: z.string(),
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
            message: z.string().meta({ description: "In the request's language" }),
          }),
        ),
      }),
    ),
    canCommit: z.boolean(),
  })
  .meta({ description: "intent=preview: every changed task before → after and every bad row; nothing written" });

export const assignmentImportResult = z
  .object({
    batchId: z.string().meta({ description: "Shared by every change of this upload in the tasks' history" }),
    sha256: hex64,
    changed: z.number().int(),
    unchanged: z.number().int(),
    tasks: z.array(z.object({ id, number: z.string() })),
  })
  .meta({ description: "intent=commit: every row stored, in one transaction" });
