/**
 * The task-update cycle's inputs (report, review, comment, evidence link) and the rows its pages show.
 * One definition for the server actions, lib/server/task-updates.ts, the forms and the REST API, whose
 * bodies (lib/api/schemas.ts) are derived from these with `.omit` and a strict object.
 */
import { z } from "zod";
import { inputDateSchema } from "../domain/dates";
import { TASK_STATUSES, TEXT_LIMITS, type ReviewState } from "../domain/task-status";
import { text } from "../domain/text-input";
import { messageRef } from "../i18n/message";

const isoDate = inputDateSchema;
/** Milestone dates one report may set (the REST body documents the same field). */
export const MILESTONE_DATES_MAX = 50;

export const taskUpdateInput = z.object({
  taskId: z.number().int().positive(),
  intent: z.enum(["draft", "submit"]),
  /** The version the client started from: 0 when there was no report yet. */
  expectedVersion: z.number().int().min(0),
  status: z.enum(TASK_STATUSES),
  progress: z.number().int().min(0).max(100),
  progressText: text().max(TEXT_LIMITS.progressText),
  problems: text().max(TEXT_LIMITS.problems).default(""),
  nextSteps: text().max(TEXT_LIMITS.nextSteps).default(""),
  milestoneDates: z
    .array(z.object({ milestoneId: z.number().int().positive(), completedDate: isoDate }))
    .max(MILESTONE_DATES_MAX)
    .default([]),
  /** Evidence uploaded for this task and not yet attached to a report. */
  evidenceIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type TaskUpdateInput = z.input<typeof taskUpdateInput>;

/** A review's fields; `reviewInput` adds the rule between them (zod cannot `.omit` a refined object). */
export const reviewFields = z.object({
  taskId: z.number().int().positive(),
  periodId: z.number().int().positive(),
  departmentId: z.number().int().positive(),
  expectedVersion: z.number().int().min(1),
  decision: z.enum(["approve", "return"]),
  comment: text().trim().max(TEXT_LIMITS.comment).default(""),
});

export const reviewInput = reviewFields.refine((v) => v.decision === "approve" || v.comment.length > 0, {
  path: ["comment"],
  message: messageRef("errors.updates.returnNeedsComment"),
});
export type ReviewInput = z.input<typeof reviewInput>;

/** Reports a review desk approves together (returns are one at a time, each with its comment). */
export const REVIEW_BATCH_MAX = 100;
export const reviewBatchInput = z.object({
  items: z
    .array(reviewFields.pick({ taskId: true, periodId: true, departmentId: true, expectedVersion: true }))
    .min(1)
    .max(REVIEW_BATCH_MAX),
});

export const commentInput = z.object({
  taskId: z.number().int().positive(),
  body: z.string().trim().min(1, messageRef("errors.writeSomething")).max(TEXT_LIMITS.comment),
});

/** The evidence link form's limits, shared with its inputs' maxLength. */
export const EVIDENCE_LINK_LIMITS = { title: 200, url: 2000 } as const;

export const evidenceLinkInput = z.object({
  taskId: z.number().int().positive(),
  title: z.string().trim().min(1, messageRef("errors.evidence.titleRequired")).max(EVIDENCE_LINK_LIMITS.title),
  url: z
    .string()
    .trim()
    .max(EVIDENCE_LINK_LIMITS.url)
    .url(messageRef("errors.evidence.invalidUrl"))
    .refine((u) => /^https?:\/\//i.test(u), messageRef("errors.evidence.httpOnly")),
});

export interface UpdateRow {
  id: number;
  taskId: number;
  periodId: number;
  periodCode: string;
  departmentId: number;
  departmentName: string;
  kind: "LEAD_REPORT" | "CONTRIBUTION";
  version: number;
  reviewState: ReviewState;
  status: (typeof TASK_STATUSES)[number];
  progress: number;
  progressText: string;
  problems: string;
  nextSteps: string;
  milestoneDates: { milestoneId: number; completedDate: string }[];
  reviewComment: string | null;
  author: string | null;
  createdAt: string;
  isSample: boolean;
  /** Evidence attached with this version (earlier versions' evidence stays with them). */
  evidence: EvidenceItem[];
}

export interface EvidenceItem {
  id: number;
  kind: "FILE" | "LINK";
  title: string;
  url: string | null;
  fileName: string | null;
  byteSize: number | null;
  createdAt: string;
}

export interface TimelineEntry {
  type: "update" | "comment";
  at: string;
  update?: UpdateRow;
  comment?: { id: number; author: string | null; body: string; updateId: number | null };
}
