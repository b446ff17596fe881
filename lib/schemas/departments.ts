/** The admin's department edits: inputs shared by the forms, the actions and lib/server/admin-departments.ts. */
import { z } from "zod";
import { inputDateSchema } from "../domain/dates";
import { messageRef } from "../i18n/message";

export const DEPARTMENT_KINDS = ["PROVINCIAL", "CITY", "CENTRAL", "ENTERPRISE", "GENERIC"] as const;
export type DepartmentKindName = (typeof DEPARTMENT_KINDS)[number];

const departmentId = z.coerce.number().int().min(1).max(2_147_483_647);

export const updateDepartmentSchema = z.object({
  departmentId,
  name: z
    .string()
    .trim()
    .min(2, messageRef("errors.departments.nameMin"))
    .max(100, messageRef("errors.departments.nameMax")),
  shortName: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(50, messageRef("errors.departments.shortNameMax")).nullable().default(null),
  ),
  kind: z.enum(DEPARTMENT_KINDS, messageRef("errors.departments.chooseKind")),
  generic: z.boolean(),
});
export type UpdateDepartmentInput = z.output<typeof updateDepartmentSchema>;

export const addAliasSchema = z.object({
  departmentId,
  alias: z
    .string()
    .trim()
    .min(2, messageRef("errors.departments.aliasMin"))
    .max(100, messageRef("errors.departments.aliasMax")),
});
export const removeAliasSchema = z.object({ aliasId: departmentId });

/** A department as the admin pages list and edit it. */
export interface AdminDepartment {
  id: number;
  name: string;
  shortName: string | null;
  kind: DepartmentKindName;
  generic: boolean;
  aliases: { id: number; alias: string }[];
  leadCount: number;
  responsibleCount: number;
  cooperatingCount: number;
  userCount: number;
  /** Set once the unit was merged into another (institutional reform). */
  mergedInto: { id: number; name: string; on: string } | null;
}

// ───────────── institutional reform (机构改革): lib/server/department-reform.ts ─────────────

const reformNote = z
  .string()
  .trim()
  .min(1, messageRef("errors.reform.noteRequired"))
  .max(500, messageRef("errors.reform.noteMax"));

const taskIds = z.array(departmentId).max(5_000);

/** The receiving unit, chosen from a list: an empty choice reads "choose one". */
const targetId = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce
    .number(messageRef("errors.reform.chooseMergeTarget"))
    .int()
    .min(1, messageRef("errors.reform.chooseMergeTarget"))
    .max(2_147_483_647),
);

export const mergeDepartmentSchema = z.object({
  fromId: departmentId,
  toId: targetId,
  effectiveDate: inputDateSchema,
  note: reformNote,
});
export type MergeDepartmentInput = z.output<typeof mergeDepartmentSchema>;

export const splitDepartmentSchema = z
  .object({
    fromId: departmentId,
    /** An existing unit, or null with `newName` to create one. */
    toId: departmentId.nullable().default(null),
    newName: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : v),
      z
        .string()
        .trim()
        .min(2, messageRef("errors.departments.nameMin"))
        .max(100, messageRef("errors.departments.nameMax"))
        .nullable()
        .default(null),
    ),
    taskIds: taskIds.min(1, messageRef("errors.reform.chooseTasks")),
    userIds: taskIds.default([]),
    effectiveDate: inputDateSchema,
    note: reformNote,
  })
  .refine((v) => (v.toId === null) !== (v.newName === null), {
    path: ["toId"],
    message: messageRef("errors.reform.chooseTarget"),
  });
export type SplitDepartmentInput = z.output<typeof splitDepartmentSchema>;

export const reverseReformSchema = z.object({ reformId: departmentId, note: reformNote });
export type ReverseReformInput = z.output<typeof reverseReformSchema>;

export type ReformKindName = "RENAME" | "MERGE" | "SPLIT" | "UNDO_RENAME" | "UNMERGE" | "UNDO_SPLIT";

/** One reform operation as the admin page lists it. */
export interface ReformEntry {
  id: number;
  kind: ReformKindName;
  from: { id: number; name: string };
  to: { id: number; name: string } | null;
  effectiveDate: string;
  recordedAt: string;
  actor: string;
  note: string;
  taskCount: number;
  userCount: number;
  /** The inverse operation already recorded, if any. */
  reversedBy: number | null;
  /** Whether it can be reversed (an inverse operation itself cannot: do the original again). */
  reversible: boolean;
}

/** What an inverse operation did, and what it left because it changed after the reform. */
export interface ReverseResult {
  restoredTasks: number;
  restoredUsers: number;
  /** Tasks whose assignment changed after the reform: left as they are, named for the admin. */
  skippedTasks: { id: number; number: string; document: string }[];
  /** Users who moved again after the reform: left where they are. */
  skippedUsers: { id: number; username: string }[];
}

/** The reform panel's data for one department (admin page). */
export interface ReformPanel {
  mergedInto: { id: number; name: string; on: string } | null;
  /** Units a merge or split may target: active (not merged away), not this one. */
  targets: { id: number; name: string; generic: boolean }[];
  /** The open tasks the unit holds (what a merge moves, what a split chooses from), by document. */
  openTasks: {
    id: number;
    number: string;
    headline: string;
    document: string;
    role: "LEAD" | "RESPONSIBLE" | "COOPERATING";
  }[];
  users: { id: number; username: string; displayName: string }[];
  history: ReformEntry[];
}
