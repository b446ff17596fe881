"use server";

import {
  addAliasSchema,
  mergeDepartmentSchema,
  removeAliasSchema,
  reverseReformSchema,
  splitDepartmentSchema,
  updateDepartmentSchema,
} from "../schemas/departments";
import { defineAction } from "../server/action";
import { addDepartmentAlias, removeDepartmentAlias, updateDepartment } from "../server/admin-departments";
import { mergeDepartment, reverseReform, splitDepartment } from "../server/department-reform";

// Every export is a public endpoint: defineAction checks the session and the ADMIN role on the server,
// parses the input with zod, and maps failures to typed results. Nothing from the client is trusted.
const admin = { roles: ["ADMIN" as const] };

export const updateDepartmentAction = defineAction(
  updateDepartmentSchema,
  async (input, actor) => {
    await updateDepartment(input, actor);
    return null;
  },
  admin,
);

export const addAliasAction = defineAction(
  addAliasSchema,
  async (input, actor) => {
    await addDepartmentAlias(input, actor);
    return null;
  },
  admin,
);

export const removeAliasAction = defineAction(
  removeAliasSchema,
  async (input, actor) => {
    await removeDepartmentAlias(input, actor);
    return null;
  },
  admin,
);

// Institutional reform (lib/server/department-reform.ts checks the ADMIN role again, inside).
export const mergeDepartmentAction = defineAction(
  mergeDepartmentSchema,
  (input, actor) => mergeDepartment(input, actor),
  admin,
);

export const splitDepartmentAction = defineAction(
  splitDepartmentSchema,
  (input, actor) => splitDepartment(input, actor),
  admin,
);

export const reverseReformAction = defineAction(
  reverseReformSchema,
  (input, actor) => reverseReform(input, actor),
  admin,
);
