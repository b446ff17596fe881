import { z } from "zod";

/** 关注: follow (or stop following) a task or an indicator. The user is always the signed-in one. */
export const followInput = z.object({
  subject: z.enum(["task", "indicator"]),
  id: z.coerce.number().int().positive().max(2_147_483_647),
  /** The state wanted, not a flip: a repeated or replayed request changes nothing more. */
  follow: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()),
});
export type FollowInput = z.input<typeof followInput>;
export type FollowSubject = z.output<typeof followInput>["subject"];
