import type { Widen } from "../widen";

export const accountZh = {} as const;

export const accountEn: Widen<typeof accountZh> = {};
