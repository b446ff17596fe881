import type { Widen } from "../widen";

export const apiZh = {} as const;

export const apiEn: Widen<typeof apiZh> = {};
