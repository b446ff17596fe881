import type { Widen } from "../widen";

export const departmentPageZh = {} as const;

export const departmentPageEn: Widen<typeof departmentPageZh> = {};
