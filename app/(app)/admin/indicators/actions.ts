"use server";

import {
  mergeIndicatorSchema,
  searchMergeCandidatesSchema,
  splitIndicatorSchema,
  unmergeIndicatorSchema,
  updateIndicatorSchema,
} from "@/lib/domain/indicator-admin";
import { defineAction } from "@/lib/server/action";
import {
  mergeIndicator,
  searchMergeCandidates,
  splitIndicator,
  unmergeIndicator,
  updateIndicator,
} from "@/lib/server/indicator-admin";

// Every export is a public endpoint: defineAction checks the session and the ADMIN role, the operations
// check it again where the data is touched.
const admin = { roles: ["ADMIN" as const] };

export const updateIndicatorAction = defineAction(
  updateIndicatorSchema,
  async (input, actor) => {
    await updateIndicator(actor, input);
    return null;
  },
  admin,
);

export const mergeIndicatorAction = defineAction(
  mergeIndicatorSchema,
  async (input, actor) => mergeIndicator(actor, input),
  admin,
);

/** Read-only: the merge form's search (a server-side, limited search instead of every indicator). */
export const searchMergeCandidatesAction = defineAction(
  searchMergeCandidatesSchema,
  async (input, actor) => searchMergeCandidates(actor, input),
  admin,
);

export const splitIndicatorAction = defineAction(
  splitIndicatorSchema,
  async (input, actor) => splitIndicator(actor, input),
  admin,
);

export const unmergeIndicatorAction = defineAction(
  unmergeIndicatorSchema,
  async (input, actor) => unmergeIndicator(actor, input),
  admin,
);
