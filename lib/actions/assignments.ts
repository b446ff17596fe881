"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "../server/action";
import { assignmentChangeFields } from "../schemas/assignments";
import { assignTask } from "../server/assignments";

// Thin: assignTask authorizes (reviewers and admins), validates again and writes in one transaction.
const assignTaskInput = assignmentChangeFields.extend({ taskId: z.number().int().positive() }).strict();

export const assignTaskAction = defineAction(
  assignTaskInput,
  async ({ taskId, ...input }, actor) => {
    const result = await assignTask(actor, taskId, input, "BROWSER");
    revalidatePath(`/tasks/${taskId}`);
    return { changed: result.changed };
  },
  { roles: ["ADMIN", "REVIEWER"] },
);
