"use server";

import { defineAction } from "@/lib/server/action";
import {
  addAliasSchema,
  addDepartmentAlias,
  removeAliasSchema,
  removeDepartmentAlias,
  updateDepartment,
  updateDepartmentSchema,
} from "@/lib/server/admin-departments";
import { indicatorThresholdsSchema, updateIndicatorThresholds } from "@/lib/server/settings";
import {
  createUserAsAdmin,
  endUserSessionsAsAdmin,
  resetPasswordAsAdmin,
  setUserActiveAsAdmin,
  unlockUserAsAdmin,
  updateUserAsAdmin,
} from "@/lib/server/users";
import {
  createUserSchema,
  endSessionsSchema,
  resetPasswordSchema,
  setActiveSchema,
  unlockSchema,
  updateUserSchema,
} from "@/lib/users/operations";

// Every export is a public endpoint: defineAction checks the session and the ADMIN role on the server,
// parses the input with zod, and maps failures to typed results. Nothing from the client is trusted.
const admin = { roles: ["ADMIN" as const] };

export const createUserAction = defineAction(
  createUserSchema,
  async (input, actor) => {
    const { user, generatedPassword } = await createUserAsAdmin(input, actor);
    return { userId: user.id, username: user.username, generatedPassword };
  },
  admin,
);

export const updateUserAction = defineAction(
  updateUserSchema,
  async (input, actor) => {
    await updateUserAsAdmin(input, actor);
    return null;
  },
  admin,
);

export const setUserActiveAction = defineAction(
  setActiveSchema,
  async (input, actor) => ({ changed: (await setUserActiveAsAdmin(input, actor)).changed }),
  admin,
);

export const resetPasswordAction = defineAction(
  resetPasswordSchema,
  async (input, actor) => ({ generatedPassword: (await resetPasswordAsAdmin(input, actor)).generatedPassword }),
  admin,
);

export const unlockUserAction = defineAction(
  unlockSchema,
  async (input, actor) => ({ changed: (await unlockUserAsAdmin(input, actor)).changed }),
  admin,
);

export const endUserSessionsAction = defineAction(
  endSessionsSchema,
  async (input, actor) => {
    await endUserSessionsAsAdmin(input, actor);
    return null;
  },
  admin,
);

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

export const updateIndicatorThresholdsAction = defineAction(
  indicatorThresholdsSchema,
  (input, actor) => updateIndicatorThresholds(actor, input),
  admin,
);
