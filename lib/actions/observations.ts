"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "../server/action";
import { observationInput } from "../schemas/observations";
import { recordObservation } from "../server/observations";

// Thin: recordObservation authorizes (reviewers, admins, editors of a lead unit of a linked task),
// validates and audits.
export const recordObservationAction = defineAction(observationInput, async (input, actor) => {
  const row = await recordObservation(actor, input);
  revalidatePath(`/indicators/${input.indicatorId}`);
  return row;
});
