import type { Widen } from "../widen";

export const taskListZh = {} as const;

export const taskListEn: Widen<typeof taskListZh> = {};
