"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "../server/action";
import { generateBulletin, generateBulletinInput, publishBulletin, publishBulletinInput } from "../server/bulletins";
import { lockPeriod, periodLockInput, reopenPeriod } from "../server/periods";

// Thin: the lib/server operations authorize again (reviewers and admins only), validate and audit.
const REVIEWERS: ("ADMIN" | "REVIEWER")[] = ["ADMIN", "REVIEWER"];

export const generateBulletinAction = defineAction(
  generateBulletinInput,
  async (input, actor) => {
    const result = await generateBulletin(actor, { period: input.period.code });
    revalidatePath("/reports", "layout");
    return result;
  },
  { roles: REVIEWERS },
);

export const publishBulletinAction = defineAction(
  publishBulletinInput,
  async (input, actor) => {
    const result = await publishBulletin(actor, input);
    revalidatePath("/reports", "layout");
    return result;
  },
  { roles: REVIEWERS },
);

export const lockPeriodAction = defineAction(
  periodLockInput,
  async (input, actor) => {
    const result = await lockPeriod(actor, { period: input.period.code });
    revalidatePath("/reports", "layout");
    return result;
  },
  { roles: REVIEWERS },
);

export const reopenPeriodAction = defineAction(
  periodLockInput,
  async (input, actor) => {
    const result = await reopenPeriod(actor, { period: input.period.code });
    revalidatePath("/reports", "layout");
    return result;
  },
  { roles: REVIEWERS },
);
