import "server-only";
import { followInput, type FollowInput, type FollowSubject } from "../schemas/follows";
import type { Actor } from "./auth/actor";
import { getDb } from "./db";
import { notFound } from "./errors";

/**
 * 关注: a user follows tasks and indicators, listed on their 我的待办 page (/my). Every signed-in role may
 * follow anything it may read (every role reads every task and indicator). The follower is always the
 * actor — never a user named in the input — so nobody can add or remove another user's follows. A
 * personal preference, not a change to the data: not audited.
 */
export async function setFollow(actor: Actor, raw: FollowInput): Promise<{ following: boolean }> {
  const input = followInput.parse(raw);
  const db = getDb();
  const exists =
    input.subject === "task"
      ? await db.task.findUnique({ where: { id: input.id }, select: { id: true } })
      : await db.indicator.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!exists) throw notFound(input.subject === "task" ? "task" : "indicator");
  const subject = input.subject === "task" ? { taskId: input.id } : { indicatorId: input.id };
  if (input.follow) {
    // Idempotent: a second follow (double click, replay) meets the unique index and changes nothing.
    await db.follow.createMany({ data: [{ userId: actor.id, ...subject }], skipDuplicates: true });
  } else {
    await db.follow.deleteMany({ where: { userId: actor.id, ...subject } });
  }
  return { following: input.follow };
}

/** Whether `userId` follows the task or indicator. */
export async function isFollowing(userId: number, subject: FollowSubject, id: number): Promise<boolean> {
  const row = await getDb().follow.findFirst({
    where: { userId, ...(subject === "task" ? { taskId: id } : { indicatorId: id }) },
    select: { id: true },
  });
  return row !== null;
}
