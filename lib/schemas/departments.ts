/** The admin's department edits: inputs shared by the forms, the actions and lib/server/admin-departments.ts. */
import { z } from "zod";

export const DEPARTMENT_KINDS = ["PROVINCIAL", "CITY", "CENTRAL", "ENTERPRISE", "GENERIC"] as const;
export type DepartmentKindName = (typeof DEPARTMENT_KINDS)[number];

const departmentId = z.coerce.number().int().min(1).max(2_147_483_647);

export const updateDepartmentSchema = z.object({
  departmentId,
  name: z
    .string()
    .trim()
    .min(2, "单位名称至少 2 个字符 · at least 2 characters")
    .max(100, "单位名称不超过 100 个字符 · at most 100 characters"),
  shortName: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(50, "简称不超过 50 个字符 · at most 50 characters").nullable().default(null),
  ),
  kind: z.enum(DEPARTMENT_KINDS, "请选择单位类型 · choose a kind"),
  generic: z.boolean(),
});
export type UpdateDepartmentInput = z.output<typeof updateDepartmentSchema>;

export const addAliasSchema = z.object({
  departmentId,
  alias: z
    .string()
    .trim()
    .min(2, "别名至少 2 个字符 · at least 2 characters")
    .max(100, "别名不超过 100 个字符 · at most 100 characters"),
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
