import { z } from "zod";

/**
 * Everything the pipeline knows about one jurisdiction's documents, passed in by the caller (the
 * defaults for 山东省 live in seed/profile.ts). The code in lib/ingest holds only conventions common to
 * Chinese government documents (numbering, role labels, 牵头/配合 verbs, generic groups such as 各市政府);
 * whatever names a particular province, its bodies, its metrics or its files' damage is data here.
 */
export interface IngestProfile {
  /** Department registry: canonical names as the documents write them (省大数据局) with other spellings. */
  departments: readonly DepartmentEntry[];
  /** Indicator synonym table: shared metric keys and the names documents use for them. */
  synonyms: readonly IndicatorSynonym[];
  /** Curated repairs of mis-decoded spans, applied verbatim to the raw text before anything else. */
  repairs: readonly GarbleRepair[];
  /**
   * Full names of the jurisdiction as they prefix a body or a scope ("山东省"). A prefixed body is folded
   * to the prefix's level word (山东省大数据局 → 省大数据局; 自治区, 市 likewise) before the registry
   * lookup; the prefix is dropped from metric names and quantity subjects like 全省.
   */
  provincePrefixes: readonly string[];
  /** Short names that start a body's name without a level word (山东银保监局): such items are bodies. */
  provinceShortNames: readonly string[];
  /** Abbreviations in document numbers (鲁 in 鲁政字〔2021〕128号); 国 (national) is always recognised. */
  docNumberAbbreviations: readonly string[];
  /** Place names longer than two characters that share a suffix in lists (石家庄、保定市政府). */
  places: readonly string[];
}

export interface DepartmentEntry {
  name: string;
  aliases?: readonly string[];
}

/** The five areas of the digital-province documents; chapters and metrics belong to one of them. */
export const AREAS = ["数字基础设施", "数字经济", "数字政府", "数字社会", "数字生态"] as const;

export const IndicatorSynonymSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  unit: z.string(),
  area: z.enum(AREAS),
  direction: z.enum(["HIGHER_IS_BETTER", "LOWER_IS_BETTER"]),
  synonyms: z.array(z.string().min(1)).min(1),
});
export type IndicatorSynonym = z.infer<typeof IndicatorSynonymSchema>;

/** See repairs.ts: a verbatim garbled span, its repair and the evidence for it. */
export const GarbleRepairSchema = z.object({
  garbled: z.string().min(1),
  repaired: z.string(),
  evidence: z.string(),
});
export type GarbleRepair = z.infer<typeof GarbleRepairSchema>;

export const DepartmentEntrySchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
});

/** For profiles read from a file (scripts/extract.ts --profile FILE.json). */
export const IngestProfileSchema: z.ZodType<IngestProfile> = z.object({
  departments: z.array(DepartmentEntrySchema),
  synonyms: z.array(IndicatorSynonymSchema),
  repairs: z.array(GarbleRepairSchema),
  provincePrefixes: z.array(z.string().min(1)),
  provinceShortNames: z.array(z.string().min(1)),
  docNumberAbbreviations: z.array(z.string().min(1)),
  places: z.array(z.string().min(1)),
});

/** A profile that knows no jurisdiction: generic conventions only (every body is reported as unknown). */
export const EMPTY_PROFILE: IngestProfile = {
  departments: [],
  synonyms: [],
  repairs: [],
  provincePrefixes: [],
  provinceShortNames: [],
  docNumberAbbreviations: [],
  places: [],
};
