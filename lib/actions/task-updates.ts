"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "../server/action";
import { commentInput, evidenceLinkInput, reviewInput, taskUpdateInput } from "../schemas/task-updates";
import { addEvidenceLink } from "../server/evidence";
import { addComment, reviewTaskUpdate, saveTaskUpdate } from "../server/task-updates";

// Thin: the lib/server functions authorize and validate again; these only adapt them to the UI.

export const saveTaskUpdateAction = defineAction(taskUpdateInput, async (input, actor) => {
  const result = await saveTaskUpdate(actor, input);
  revalidatePath(`/tasks/${input.taskId}`);
  return result.update;
});

export const reviewTaskUpdateAction = defineAction(reviewInput, async (input, actor) => {
  const result = await reviewTaskUpdate(actor, input);
  revalidatePath(`/tasks/${input.taskId}`);
  revalidatePath("/review");
  return result;
});

export const addCommentAction = defineAction(commentInput, async (input, actor) => {
  const result = await addComment(actor, input);
  revalidatePath(`/tasks/${input.taskId}`);
  return result;
});

export const addEvidenceLinkAction = defineAction(evidenceLinkInput, async (input, actor) => {
  const result = await addEvidenceLink(actor, input);
  revalidatePath(`/tasks/${input.taskId}`);
  return result;
});
