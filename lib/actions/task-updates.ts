"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "../server/action";
import {
  commentInput,
  evidenceLinkInput,
  reviewBatchInput,
  reviewInput,
  taskUpdateInput,
} from "../schemas/task-updates";
import { addEvidenceLink } from "../server/evidence";
import { addComment, approveTaskUpdates, reviewTaskUpdate, saveTaskUpdate } from "../server/task-updates";

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

export const approveTaskUpdatesAction = defineAction(reviewBatchInput, async (input, actor) => {
  const result = await approveTaskUpdates(actor, input);
  for (const taskId of new Set(result.map((u) => u.taskId))) revalidatePath(`/tasks/${taskId}`);
  revalidatePath("/review");
  return result.map((u) => ({ id: u.id, taskId: u.taskId, departmentId: u.departmentId, version: u.version }));
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
