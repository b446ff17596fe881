import type { ExtractedTask, ExtractionWarning } from "./types";

/**
 * Several files of one document: text, structure and offsets come from the primary; unit lists come
 * from whichever copy carries them. A copy's item is matched to the primary's by number and accepted
 * only when the texts agree (character-bigram similarity), so a renumbered or different copy cannot
 * lend its units to the wrong task. Primary items without a match stay without units.
 */
const MIN_SIMILARITY = 0.6;

export function mergeUnitsFromCopy(
  primary: ExtractedTask[],
  copy: ExtractedTask[],
  copyFile: string,
): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  const byNumber = new Map(primary.map((task) => [task.number, task]));
  for (const item of copy) {
    if (item.units.length === 0) continue;
    const target = byNumber.get(item.number);
    if (!target) {
      warnings.push({
        code: "MERGE_UNMATCHED",
        message: `副本中的第${item.number}项在主文件中不存在 / item ${item.number} of ${copyFile} has no counterpart in the primary file`,
        source: item.source,
      });
      continue;
    }
    const similarity = textSimilarity(target.text, item.text);
    if (similarity < MIN_SIMILARITY) {
      warnings.push({
        code: "MERGE_TEXT_MISMATCH",
        message: `第${item.number}项内容与主文件不一致（相似度 ${similarity.toFixed(2)}），未采用其责任单位 / item ${item.number}: texts differ (similarity ${similarity.toFixed(2)}); its units were not used`,
        source: item.source,
      });
      continue;
    }
    if (target.units.length > 0) continue; // the primary's own list wins
    target.units = item.units;
    target.leadUnits = item.leadUnits;
    target.responsibleUnits = item.responsibleUnits;
    target.cooperatingUnits = item.cooperatingUnits;
    target.unitsSourceFile = copyFile;
    target.unitsSource = item.unitsSource;
  }
  return warnings;
}

/** Dice coefficient over character bigrams of the Han/alphanumeric content. */
export function textSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  const total = [...left.values(), ...right.values()].reduce((sum, count) => sum + count, 0);
  return (2 * shared) / total;
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "")];
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}
