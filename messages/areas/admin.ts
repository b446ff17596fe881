import type { Widen } from "../widen";

export const adminZh = {} as const;

export const adminEn: Widen<typeof adminZh> = {};
