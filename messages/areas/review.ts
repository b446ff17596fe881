import type { Widen } from "../widen";

export const reviewZh = {} as const;

export const reviewEn: Widen<typeof reviewZh> = {};
