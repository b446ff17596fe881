"use server";

import {
  createUserSchema,
  endSessionsSchema,
  resetPasswordSchema,
  setActiveSchema,
  unlockSchema,
  updateUserSchema,
} from "../schemas/users";
import { defineAction } from "../server/action";
import {
  createUserAsAdmin,
  endUserSessionsAsAdmin,
  resetPasswordAsAdmin,
  setUserActiveAsAdmin,
  unlockUserAsAdmin,
  updateUserAsAdmin,
} from "../server/users";

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
