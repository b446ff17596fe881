/** The admin's department edits: inputs shared by the forms, the actions and lib/server/admin-departments.ts. */
import { z } from "zod";
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
}
