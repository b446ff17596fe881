/** Public API of the pure extraction pipeline: text in, structured records out. No I/O here. */
export { decodeDocument } from "./decode";
export { IngestError, type IngestErrorCode } from "./errors";
export { extractDocument, type ExtractOptions, type SourceFile } from "./extract";
export { normaliseText, type Normalised } from "./normalise";
export { stripChrome } from "./chrome";
export { canonicalDepartmentName, isGenericUnit, listDepartments, listDepartmentEntries } from "./departments";
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
export { matchMetric, normaliseMetricName, listIndicatorSynonyms, IndicatorSynonymSchema } from "./indicators";
export { mergeUnitsFromCopy, textSimilarity } from "./merge";
export { KNOWN_GARBLES } from "./repairs";
export * from "./types";
