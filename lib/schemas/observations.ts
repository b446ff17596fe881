/** A recorded indicator value: the input shared by the observation form, its action, the import and lib/server. */
import { z } from "zod";
import { inputDateSchema, inputRuleMessage } from "../domain/dates";
import { MAX_BASE_MAGNITUDE } from "../domain/indicator-values";

export const OBSERVATION_SOURCES = ["STATISTICAL_BULLETIN", "DEPARTMENT_REPORT", "DOCUMENT", "OTHER"] as const;

export const observationInput = z.object({
  indicatorId: z.number().int().positive(),
  /**
   * In the indicator's unit (Indicator.unit), e.g. 个 for 5G基站: 185000, not 18.5. The bounds that
   * depend on the indicator (% within 0–100, no negative counts, 1e15 in the base unit) are checked with
   * it, by lib/domain/indicator-values.ts.
   */
  value: z
    .number()
    .finite()
    .min(-MAX_BASE_MAGNITUDE, inputRuleMessage("valueTooLarge", { max: "1e15" }))
    .max(MAX_BASE_MAGNITUDE, inputRuleMessage("valueTooLarge", { max: "1e15" })),
  asOf: inputDateSchema,
  source: z.enum(OBSERVATION_SOURCES),
  sourceDetail: z.string().trim().max(200).default(""),
  note: z.string().trim().max(1000).default(""),
  /** The value this one corrects, if any. */
  supersedesId: z.number().int().positive().nullable().default(null),
});
export type ObservationInput = z.input<typeof observationInput>;
