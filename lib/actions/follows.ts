"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { followInput } from "../schemas/follows";
import { defineAction } from "../server/action";
import { setFollow } from "../server/follows";

// A plain <form action> (works without JavaScript) sends FormData; a script may send the object.
const formOrObject = z.preprocess(
  (value) => (value instanceof FormData ? Object.fromEntries(value.entries()) : value),
  followInput,
);

// Thin: setFollow takes the follower from the session, never from the input.
export const setFollowAction = defineAction(formOrObject, async (input, actor) => {
  const result = await setFollow(actor, input);
  revalidatePath(input.subject === "task" ? `/tasks/${input.id}` : `/indicators/${input.id}`);
  revalidatePath("/my");
  return result;
});
