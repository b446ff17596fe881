import type { Widen } from "../widen";

export const updatesZh = {} as const;

export const updatesEn: Widen<typeof updatesZh> = {};
