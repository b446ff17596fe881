import { z } from "zod";

/** The contract between the extractor and the importer: every record the pipeline emits. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DocumentKindSchema = z.enum(["PLAN", "WORK_POINTS", "IMPLEMENTATION_SCHEME"]);
export const SectionKindSchema = z.enum(["CHAPTER", "SECTION", "SUBSECTION", "COLUMN", "GOALS", "MEASURES", "OTHER"]);
export const UnitRoleSchema = z.enum(["LEAD", "RESPONSIBLE", "COOPERATING"]);
export const ComparatorSchema = z.enum([">=", ">", "<=", "<", "=", "~"]);

export const ManifestSourceFileSchema = z.object({
  file: z.string().min(1),
  role: z.enum(["primary", "units"]),
  script: z.enum(["simplified", "traditional"]),
  note: z.string(),
});

export const ManifestEntrySchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  shortTitle: z.string().min(1),
  kind: DocumentKindSchema,
  planYear: z.number().int().nullable(),
  periodStart: isoDate,
  periodEnd: isoDate,
  baseYear: z.number().int().nullable(),
  issuer: z.string().min(1),
  issuedDate: isoDate.nullable(),
  docNumber: z.string().nullable(),
  sourceFiles: z.array(ManifestSourceFileSchema).min(1),
});
export const ManifestSchema = z.array(ManifestEntrySchema);

/** Offsets into the raw decoded text of `file`: raw.slice(start, end) is the original span. */
export const SourceRefSchema = z.object({
  file: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const DocumentSchema = z.object({
  slug: z.string().nullable(),
  title: z.string().nullable(),
  shortTitle: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedDate: isoDate.nullable(),
  docNumber: z.string().nullable(),
  kind: DocumentKindSchema,
  planYear: z.number().int().nullable(),
  periodStart: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  baseYear: z.number().int().nullable(),
  /** Firsts listed unit leads ("列第一位的为牵头单位") — a document-level rule. */
  firstListedLeads: z.boolean(),
});

export const SectionSchema = z.object({
  path: z.string(),
  title: z.string(),
  kind: SectionKindSchema,
  parentPath: z.string().nullable(),
  ordinal: z.number().int(),
  inferred: z.boolean(),
  area: z.string().nullable(),
  source: SourceRefSchema,
});

export const UnitSchema = z.object({
  name: z.string(),
  role: UnitRoleSchema,
  generic: z.boolean(),
  raw: z.string(),
  known: z.boolean(),
});

export const MilestoneSchema = z.object({
  due: isoDate,
  text: z.string(),
  source: SourceRefSchema.optional(),
});

export const TaskSchema = z.object({
  number: z.string(),
  sectionPath: z.string(),
  title: z.string().nullable(),
  text: z.string(),
  leadUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
  cooperatingUnits: z.array(z.string()),
  units: z.array(UnitSchema),
  /** File whose unit list was used (the primary, or a copy that carries lists); null: none known. */
  unitsSourceFile: z.string().nullable(),
  unitsSource: SourceRefSchema.nullable(),
  milestones: z.array(MilestoneSchema),
  area: z.string().nullable(),
  source: SourceRefSchema,
});

export const IndicatorSchema = z.object({
  name: z.string(),
  metricKey: z.string(),
  metricName: z.string(),
  area: z.string().nullable(),
  comparator: ComparatorSchema,
  /** The target in base units (same value as normalizedValue; 16万个 → 160000 个). */
  target: z.number(),
  /** Upper bound of a range target ("50—80个": target 50 with comparator >=, targetMax 80); absent otherwise. */
  targetMax: z.number().optional(),
  valueAsWritten: z.string(),
  normalizedValue: z.number(),
  unit: z.string(),
  magnitude: z.number(),
  due: isoDate.nullable(),
  cumulative: z.boolean().nullable(),
  aspirational: z.boolean(),
  taskNumber: z.string().nullable(),
  sectionPath: z.string(),
  quote: z.string(),
  source: SourceRefSchema,
});

export const BaselineSchema = z.object({
  name: z.string(),
  metricKey: z.string(),
  metricName: z.string(),
  value: z.number(),
  valueAsWritten: z.string(),
  unit: z.string(),
  comparator: ComparatorSchema,
  asOf: isoDate,
  quote: z.string(),
  source: SourceRefSchema,
});

export const WarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  source: SourceRefSchema.optional(),
});

export const ExtractionSchema = z.object({
  document: DocumentSchema,
  files: z.array(
    z.object({ file: z.string(), role: z.enum(["primary", "units"]), script: z.enum(["simplified", "traditional"]) }),
  ),
  sections: z.array(SectionSchema),
  tasks: z.array(TaskSchema),
  measures: z.array(TaskSchema),
  indicators: z.array(IndicatorSchema),
  baselines: z.array(BaselineSchema),
  warnings: z.array(WarningSchema),
});

export type DocumentKind = z.infer<typeof DocumentKindSchema>;
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type ExtractedDocument = z.infer<typeof DocumentSchema>;
export type ExtractedSection = z.infer<typeof SectionSchema>;
export type ExtractedUnit = z.infer<typeof UnitSchema>;
export type ExtractedMilestone = z.infer<typeof MilestoneSchema>;
export type ExtractedTask = z.infer<typeof TaskSchema>;
export type ExtractedIndicator = z.infer<typeof IndicatorSchema>;
export type ExtractedBaseline = z.infer<typeof BaselineSchema>;
export type ExtractionWarning = z.infer<typeof WarningSchema>;
export type Extraction = z.infer<typeof ExtractionSchema>;
