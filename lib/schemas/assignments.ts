/**
 * The input of an assignment change (issue 15): the browser's form, the REST body of
 * PUT /api/v1/tasks/{id}/assignments and the 任务分工表 rows all parse to this before
 * lib/server/assignments.ts applies it. The rules that need the registry or the document (known units,
 * dates inside the document's period) are in lib/domain/assignments.ts.
 */
import { z } from "zod";
import { inputDateSchema } from "../domain/dates";
import { ASSIGNMENT_LIMITS } from "../domain/assignments";
import { text } from "../domain/text-input";
import { messageRef } from "../i18n/message";

const unitId = z.coerce.number().int().min(1).max(2_147_483_647);
const units = z
  .array(unitId)
  .max(ASSIGNMENT_LIMITS.unitsPerRole, messageRef("errors.assignments.tooManyUnits"))
  .default([]);

export const assignmentFields = z.object({
  lead: units,
  responsible: units,
  cooperating: units,
  /** Omitted: keep the current deadline. null: remove the assigned one (the text's or the period end holds). */
  deadline: inputDateSchema.nullable().optional(),
});

export const assignmentChangeFields = assignmentFields.extend({
  note: text()
    .trim()
    .min(1, messageRef("errors.assignments.noteRequired"))
    .max(ASSIGNMENT_LIMITS.note, messageRef("errors.assignments.noteMax")),
  effectiveDate: inputDateSchema,
});

/** The REST body and the browser form: units, deadline, note and effective date. */
export const assignmentChangeInput = assignmentChangeFields.strict();
export type AssignmentChangeInput = z.input<typeof assignmentChangeInput>;
