import { z } from "zod";

/** A real calendar date written YYYY-MM-DD: "2023-02-30" and "2023-13-01" are refused, not rolled over. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD · date must be YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "日期不存在 · no such date");
