"use server";

import {
  indicatorThresholdsSchema,
  mergeIndicatorSchema,
  searchMergeCandidatesSchema,
  splitIndicatorSchema,
  unmergeIndicatorSchema,
  updateIndicatorSchema,
} from "../schemas/indicator-admin";
import { defineAction } from "../server/action";
import {
  mergeIndicator,
  searchMergeCandidates,
  splitIndicator,
  unmergeIndicator,
  updateIndicator,
} from "../server/indicator-admin";
import { updateIndicatorThresholds } from "../server/settings";

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

/** The status thresholds every indicator is judged by (one row in lib/server/settings.ts). */
export const updateIndicatorThresholdsAction = defineAction(
  indicatorThresholdsSchema,
  (input, actor) => updateIndicatorThresholds(actor, input),
  admin,
);
