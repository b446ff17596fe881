"use server";

import { revalidatePath } from "next/cache";
import { createTokenInput, revokeTokenInput } from "../schemas/account";
import { defineAction } from "../server/action";
import { createApiToken, revokeApiToken } from "../server/api-tokens";

// Thin: lib/server/api-tokens.ts authorizes, validates and audits; these adapt it to the /account page.

export const createApiTokenAction = defineAction(createTokenInput, async (input, actor) => {
  const { token, secret } = await createApiToken(actor, input);
  revalidatePath("/account");
  return { id: token.id, name: token.name, secret };
});

export const revokeApiTokenAction = defineAction(revokeTokenInput, async (input, actor) => {
  const token = await revokeApiToken(actor, input);
  revalidatePath("/account");
  return { id: token.id, state: token.state };
});
