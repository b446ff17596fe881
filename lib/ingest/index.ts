/** Public API of the pure extraction pipeline: text in, structured records out. No I/O here. */
export { decodeDocument } from "./decode";
export { IngestError, type IngestErrorCode } from "./errors";
export { extractDocument, type ExtractOptions, type SourceFile } from "./extract";
export { normaliseText, type Normalised } from "./normalise";
export { stripChrome } from "./chrome";
export { canonicalDepartmentName, isGenericUnit } from "./departments";
export {
  findUnitLists,
  parseLabelledList,
  parsePlainList,
  parseVerbList,
  expandSharedSuffixes,
  hasFirstListedLeadsRule,
} from "./units";
export { extractMilestones } from "./milestones";
export { findQuantities } from "./quantities";
export { matchMetric, normaliseMetricName } from "./indicators";
export { mergeUnitsFromCopy, textSimilarity } from "./merge";
export {
  EMPTY_PROFILE,
  IndicatorSynonymSchema,
  IngestProfileSchema,
  type DepartmentEntry,
  type GarbleRepair,
  type IndicatorSynonym,
  type IngestProfile,
} from "./profile";
export * from "./types";
