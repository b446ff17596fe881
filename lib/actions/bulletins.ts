"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "../server/action";
import {
  generateBulletin,
  generateBulletinInput,
  publishBulletin,
  publishBulletinInput,
  setBulletinLayout,
  setBulletinLayoutInput,
} from "../server/bulletins";
import { lockPeriod, periodLockInput, reopenPeriod } from "../server/periods";
import { updateBulletinSettings } from "../server/settings";
import { bulletinSettingsSchema } from "../schemas/bulletins";

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

export const setBulletinLayoutAction = defineAction(
  setBulletinLayoutInput,
  async (input, actor) => {
    const result = await setBulletinLayout(actor, input);
    revalidatePath("/reports", "layout");
    return result;
  },
  { roles: REVIEWERS },
);

export const updateBulletinSettingsAction = defineAction(
  bulletinSettingsSchema,
  async (input, actor) => {
    const result = await updateBulletinSettings(actor, input);
    revalidatePath("/admin");
    return result;
  },
  { roles: ["ADMIN"] },
);
