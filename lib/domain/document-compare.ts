/**
 * What changed between two documents (e.g. the 2022 and the 2023 work points): tasks carried over,
 * added and dropped, and targets raised or lowered for the same indicator. Pure: plain data in, plain
 * data out.
 *
 * ## Matching tasks by content, not by number
 * Numbering changes every year (2022 has 18 long, multi-topic tasks; 2023 has 46 narrower ones), so a
 * task is matched by its text:
 *   1. The text is reduced to its content: unit lists （牵头单位：…，责任单位：…） are removed, then
 *      boilerplate verbs and fillers that every task uses (加快, 推进, 深化, 持续, 全面, 建设, 年底前,
 *      “2023年” …) and all punctuation become break points.
 *   2. Each text becomes the set of character bigrams inside the remaining runs (Chinese has no word
 *      boundaries; bigrams are the standard unit and survive small rewordings).
 *   3. similarity = √(Dice × containment), where Dice = 2|A∩B| / (|A|+|B|) and containment =
 *      |A∩B| / min(|A|,|B|). Dice alone punishes the frequent case of a long 2022 task whose one
 *      topic became a short 2023 task (物联网终端部署 17 → 32: Dice 0.14, containment 0.38);
 *      containment alone lets any short text match any long one. The geometric mean needs both.
 *   4. One-to-one assignment, greedily, best pair first: a later document that splits one task into
 *      several carries it over once (the closest part); the other parts count as added.
 *   5. A pair counts as carried over when similarity ≥ {@link MATCH_THRESHOLD} = 0.18.
 *
 * Why 0.18: on the real 2022 → 2023 work points every pair checked by reading the texts scores at
 * least 0.19 (监管执法 3 → 4: 0.194; 一网统揽 4 → 5: 0.190; 智慧出行/停车 13 → 23: 0.190), while the best
 * remaining candidate after those pairs is a false match (智慧养老 12 → 社保线上服务 21: 0.138).
 * Unrelated tasks of these documents share generic bigrams (数字, 服务, 平台) and score 0.05–0.14.
 *
 * ## Comparing targets
 * Targets are compared per indicator and basis: a cumulative level ("累计开通20万个") is never compared
 * with an annual increment ("年内新建6万个"). Within a document, identical targets (same value,
 * comparator and due date, e.g. a goal repeated in the task) count once. Targets pair up
 *   a. by equal due date, then
 *   b. when both documents cover periods of the same length (successive annual work points) and both
 *      targets fall due at the end of their own document's period, then
 *   c. by nearest due date.
 * Pairs from (a) and (b) are judged RAISED / LOWERED / UNCHANGED: "raised" means more demanding, so
 * for a lower-is-better indicator a smaller value is raised; at equal values the stricter comparator
 * wins (> beats ≥/=, which beat ≈; a cap ≤/< on a higher-is-better indicator is the least demanding).
 * Pairs from (c) describe different horizons (a 2025 plan goal against a 2023 annual goal), so they
 * are reported as DUE_DATE_CHANGED, with the value change given for information only.
 */
import type { Comparator, Direction } from "./indicator-status";

export const MATCH_THRESHOLD = 0.18;

export interface CompareTask {
  id: number;
  number: string;
  text: string;
  title: string | null;
  /**
   * The task's own area (数字政府 / 数字经济 …, from the task or its chapter); null when the document does
   * not say — never its section's heading. Groups the chart; null groups under "—".
   */
  area: string | null;
  leadUnits: string[];
}

export interface CompareTarget {
  id: number;
  indicatorKey: string;
  indicatorName: string;
  direction: Direction;
  /** In the indicator's base unit (万/亿 expanded). */
  value: number;
  comparator: Comparator;
  /** YYYY-MM-DD */
  dueDate: string;
  unit: string;
  /** false: an increment within the period ("年内新建"); true/null: a level. */
  cumulative: boolean | null;
}

export interface CompareSide<T extends CompareTask, G extends CompareTarget> {
  /** YYYY-MM-DD */
  periodStart: string;
  /** YYYY-MM-DD */
  periodEnd: string;
  tasks: readonly T[];
  targets: readonly G[];
}

export interface CarriedTask<T extends CompareTask> {
  from: T;
  to: T;
  /** √(Dice × containment) of the content bigrams, 0..1. */
  similarity: number;
  /** The texts differ once unit lists, punctuation and spacing are ignored. */
  wordingChanged: boolean;
  /** Both sides name lead units and the sets differ (unknown units are not a change). */
  leadUnitsChanged: boolean;
  leadUnitsAdded: string[];
  leadUnitsRemoved: string[];
}

export const TARGET_CHANGES = ["RAISED", "LOWERED", "UNCHANGED", "DUE_DATE_CHANGED", "ONLY_FROM", "ONLY_TO"] as const;
export type TargetChange = (typeof TARGET_CHANGES)[number];
export type ValueChange = "RAISED" | "LOWERED" | "UNCHANGED";
export type TargetBasis = "LEVEL" | "INCREMENT";

export interface TargetComparison<G extends CompareTarget> {
  indicatorKey: string;
  indicatorName: string;
  unit: string;
  direction: Direction;
  basis: TargetBasis;
  from: G | null;
  to: G | null;
  change: TargetChange;
  /** Direction-aware value change of a pair (also for DUE_DATE_CHANGED); null for one-sided rows. */
  valueChange: ValueChange | null;
}

export interface AreaChanges {
  area: string;
  carried: number;
  added: number;
  dropped: number;
}

export interface DocumentComparison<T extends CompareTask, G extends CompareTarget> {
  carried: CarriedTask<T>[];
  added: T[];
  dropped: T[];
  targets: TargetComparison<G>[];
  byArea: AreaChanges[];
  summary: {
    carried: number;
    wordingChanged: number;
    leadUnitsChanged: number;
    added: number;
    dropped: number;
    targets: Record<TargetChange, number>;
  };
}

export function compareDocuments<T extends CompareTask, G extends CompareTarget>(
  from: CompareSide<T, G>,
  to: CompareSide<T, G>,
): DocumentComparison<T, G> {
  const { carried, added, dropped } = matchTasks(from.tasks, to.tasks);
  const targets = compareTargets(from, to);
  const targetCounts = Object.fromEntries(TARGET_CHANGES.map((c) => [c, 0])) as Record<TargetChange, number>;
  for (const row of targets) targetCounts[row.change]++;
  return {
    carried,
    added,
    dropped,
    targets,
    byArea: countByArea(carried, added, dropped),
    summary: {
      carried: carried.length,
      wordingChanged: carried.filter((pair) => pair.wordingChanged).length,
      leadUnitsChanged: carried.filter((pair) => pair.leadUnitsChanged).length,
      added: added.length,
      dropped: dropped.length,
      targets: targetCounts,
    },
  };
}

// ───────────────────────────── tasks ─────────────────────────────

/** Unit lists, half- or full-width, allowing one level of brackets inside (省委党校（山东行政学院）). */
const UNIT_LIST = /[（(]\s*(?:牵头|责任|配合)单位\s*[：:](?:[^（）()]|[（(][^（）()]*[）)])*[）)]/g;
/** Words every task uses: they say how hard, not what. Longest first so 进一步 wins over 一步. */
const BOILERPLATE = [
  "省政府有关部门",
  "进一步",
  "年底前",
  "加快",
  "推进",
  "推动",
  "加强",
  "深化",
  "持续",
  "全面",
  "深入",
  "提升",
  "强化",
  "完善",
  "健全",
  "积极",
  "大力",
  "着力",
  "不断",
  "建设",
  "打造",
  "实施",
  "开展",
  "支持",
  "优化",
  "全省",
  "年内",
  "一批",
  "省级",
  "等",
];
const BOILERPLATE_PATTERN = new RegExp(`\\d{4}年|${BOILERPLATE.join("|")}`, "g");
const NOT_CONTENT = /[^\p{Script=Han}\p{L}\p{N}]+/u;

/** The text without unit lists, punctuation and spacing: equal keys mean unchanged wording. */
export function wordingKey(text: string): string {
  return text.replace(UNIT_LIST, "").replace(new RegExp(NOT_CONTENT.source, "gu"), "");
}

/** Character bigrams of the content runs (see the module comment, steps 1–2). */
export function contentBigrams(text: string): Set<string> {
  const runs = text.replace(UNIT_LIST, " ").replace(BOILERPLATE_PATTERN, " ").split(NOT_CONTENT);
  const grams = new Set<string>();
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  }
  return grams;
}

/** √(Dice × containment) of two bigram sets; 0 when either is empty. */
export function bigramSimilarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return similarityOf(shared, left.size, right.size);
}

/** √(Dice × containment) from the number of shared bigrams and the two set sizes (both > 0). */
function similarityOf(shared: number, leftSize: number, rightSize: number): number {
  const dice = (2 * shared) / (leftSize + rightSize);
  const containment = shared / Math.min(leftSize, rightSize);
  return Math.sqrt(dice * containment);
}

export function taskSimilarity(a: string, b: string): number {
  return bigramSimilarity(contentBigrams(a), contentBigrams(b));
}

/**
 * Every pair (i, j) with similarity ≥ {@link MATCH_THRESHOLD}, with its similarity. Scoring each pair
 * as a set intersection costs O(n·m·bigrams) — seconds for two large documents. Instead an inverted
 * bigram index of the `to` side counts, for one `from` task at a time, the bigrams it shares with each
 * task: pairs sharing none are never visited and the rest cost one integer increment per shared
 * bigram. The counts are exact, so the result is exactly that of scoring every pair.
 */
export function matchingPairs(
  fromGrams: readonly ReadonlySet<string>[],
  toGrams: readonly ReadonlySet<string>[],
): { i: number; j: number; similarity: number }[] {
  const postings = new Map<string, number[]>();
  toGrams.forEach((grams, j) => {
    for (const gram of grams) {
      const list = postings.get(gram);
      if (list) list.push(j);
      else postings.set(gram, [j]);
    }
  });
  const shared = new Int32Array(toGrams.length);
  const touched: number[] = [];
  const pairs: { i: number; j: number; similarity: number }[] = [];
  fromGrams.forEach((grams, i) => {
    for (const gram of grams) {
      for (const j of postings.get(gram) ?? []) {
        if (shared[j] === 0) touched.push(j);
        shared[j] = shared[j]! + 1;
      }
    }
    for (const j of touched) {
      const similarity = similarityOf(shared[j]!, grams.size, toGrams[j]!.size);
      if (similarity >= MATCH_THRESHOLD) pairs.push({ i, j, similarity });
      shared[j] = 0;
    }
    touched.length = 0;
  });
  return pairs;
}

function matchTasks<T extends CompareTask>(
  fromTasks: readonly T[],
  toTasks: readonly T[],
): { carried: CarriedTask<T>[]; added: T[]; dropped: T[] } {
  const fromGrams = fromTasks.map((task) => contentBigrams(task.text));
  const toGrams = toTasks.map((task) => contentBigrams(task.text));
  const candidates = matchingPairs(fromGrams, toGrams);
  // Best first; ties in document order so the result never depends on sort stability.
  candidates.sort((a, b) => b.similarity - a.similarity || a.j - b.j || a.i - b.i);
  const fromUsed = new Set<number>();
  const toUsed = new Map<number, { i: number; similarity: number }>();
  for (const candidate of candidates) {
    if (fromUsed.has(candidate.i) || toUsed.has(candidate.j)) continue;
    fromUsed.add(candidate.i);
    toUsed.set(candidate.j, candidate);
  }
  const carried: CarriedTask<T>[] = [];
  toTasks.forEach((to, j) => {
    const match = toUsed.get(j);
    if (!match) return;
    const from = fromTasks[match.i]!;
    const fromLeads = new Set(from.leadUnits);
    const toLeads = new Set(to.leadUnits);
    const leadUnitsAdded = to.leadUnits.filter((unit) => !fromLeads.has(unit));
    const leadUnitsRemoved = from.leadUnits.filter((unit) => !toLeads.has(unit));
    const bothKnown = fromLeads.size > 0 && toLeads.size > 0;
    carried.push({
      from,
      to,
      similarity: match.similarity,
      wordingChanged: wordingKey(from.text) !== wordingKey(to.text),
      leadUnitsChanged: bothKnown && (leadUnitsAdded.length > 0 || leadUnitsRemoved.length > 0),
      leadUnitsAdded: bothKnown ? leadUnitsAdded : [],
      leadUnitsRemoved: bothKnown ? leadUnitsRemoved : [],
    });
  });
  return {
    carried,
    added: toTasks.filter((_, j) => !toUsed.has(j)),
    dropped: fromTasks.filter((_, i) => !fromUsed.has(i)),
  };
}

const UNKNOWN_AREA = "—";

function countByArea<T extends CompareTask>(carried: CarriedTask<T>[], added: T[], dropped: T[]): AreaChanges[] {
  const rows = new Map<string, AreaChanges>();
  const row = (area: string | null) => {
    const key = area?.trim() || UNKNOWN_AREA;
    let existing = rows.get(key);
    if (!existing) {
      existing = { area: key, carried: 0, added: 0, dropped: 0 };
      rows.set(key, existing);
    }
    return existing;
  };
  // Carried and added tasks are grouped as the later document groups them.
  for (const pair of carried) row(pair.to.area ?? pair.from.area).carried++;
  for (const task of added) row(task.area).added++;
  for (const task of dropped) row(task.area).dropped++;
  return [...rows.values()];
}

// ───────────────────────────── targets ─────────────────────────────

/** Higher is more demanding, for an indicator where higher is better (mirrored for lower-is-better). */
const HIGHER_BETTER_STRICTNESS: Record<Comparator, number> = { GT: 3, GTE: 2, EQ: 2, APPROX: 1, LTE: 0, LT: 0 };
const LOWER_BETTER_STRICTNESS: Record<Comparator, number> = { LT: 3, LTE: 2, EQ: 2, APPROX: 1, GTE: 0, GT: 0 };
const RELATIVE_EPSILON = 1e-9;

/** Whether `to` asks for more than `from`, taking direction and comparator into account. */
export function compareTargetValues(
  from: Pick<CompareTarget, "value" | "comparator">,
  to: Pick<CompareTarget, "value" | "comparator">,
  direction: Direction,
): ValueChange {
  const epsilon = RELATIVE_EPSILON * Math.max(1, Math.abs(from.value), Math.abs(to.value));
  const difference = to.value - from.value;
  if (Math.abs(difference) > epsilon) {
    const higher = difference > 0;
    return higher === (direction === "HIGHER_IS_BETTER") ? "RAISED" : "LOWERED";
  }
  const strictness = direction === "HIGHER_IS_BETTER" ? HIGHER_BETTER_STRICTNESS : LOWER_BETTER_STRICTNESS;
  const delta = strictness[to.comparator] - strictness[from.comparator];
  return delta > 0 ? "RAISED" : delta < 0 ? "LOWERED" : "UNCHANGED";
}

export function targetBasis(target: Pick<CompareTarget, "cumulative">): TargetBasis {
  return target.cumulative === false ? "INCREMENT" : "LEVEL";
}

function yearsBetween(start: string, end: string): number {
  return (Date.parse(end) - Date.parse(start)) / (365.25 * 86_400_000);
}

function compareTargets<T extends CompareTask, G extends CompareTarget>(
  from: CompareSide<T, G>,
  to: CompareSide<T, G>,
): TargetComparison<G>[] {
  const sameLengthPeriods =
    Math.abs(yearsBetween(from.periodStart, from.periodEnd) - yearsBetween(to.periodStart, to.periodEnd)) < 0.05;
  const groupKey = (target: G) => `${target.indicatorKey}\u0000${targetBasis(target)}`;
  const group = (targets: readonly G[]) => {
    const groups = new Map<string, G[]>();
    for (const target of targets) {
      const list = groups.get(groupKey(target)) ?? [];
      const duplicate = list.some(
        (seen) =>
          seen.dueDate === target.dueDate &&
          seen.comparator === target.comparator &&
          Math.abs(seen.value - target.value) <= RELATIVE_EPSILON * Math.max(1, Math.abs(target.value)),
      );
      if (!duplicate) list.push(target);
      groups.set(groupKey(target), list);
    }
    return groups;
  };
  const fromGroups = group(from.targets);
  const toGroups = group(to.targets);
  const keys = [...new Set([...fromGroups.keys(), ...toGroups.keys()])];

  const rows: TargetComparison<G>[] = [];
  for (const key of keys) {
    const left = [...(fromGroups.get(key) ?? [])];
    const right = [...(toGroups.get(key) ?? [])];
    const sample = left[0] ?? right[0]!;
    const base = {
      indicatorKey: sample.indicatorKey,
      indicatorName: (right[0] ?? sample).indicatorName,
      unit: sample.unit,
      direction: sample.direction,
      basis: targetBasis(sample),
    };
    const pairs: { from: G; to: G; comparable: boolean }[] = [];
    const take = (predicate: (a: G, b: G) => boolean, comparable: boolean) => {
      for (let i = 0; i < left.length;) {
        const a = left[i]!;
        const j = right.findIndex((b) => predicate(a, b));
        if (j === -1) {
          i++;
          continue;
        }
        pairs.push({ from: a, to: right[j]!, comparable });
        left.splice(i, 1);
        right.splice(j, 1);
      }
    };
    take((a, b) => a.dueDate === b.dueDate, true);
    if (sameLengthPeriods) take((a, b) => a.dueDate === from.periodEnd && b.dueDate === to.periodEnd, true);
    while (left.length > 0 && right.length > 0) {
      // Nearest due dates; on a tie the later goal (a plan's end-of-period target) says more.
      let best = { i: 0, j: 0, distance: Infinity, due: "" };
      for (let i = 0; i < left.length; i++) {
        for (let j = 0; j < right.length; j++) {
          const due = left[i]!.dueDate;
          // In whole years, so a leap day does not decide between two goals two years away.
          const distance = Math.round(Math.abs(yearsBetween(due, right[j]!.dueDate)));
          if (distance < best.distance || (distance === best.distance && due > best.due)) {
            best = { i, j, distance, due };
          }
        }
      }
      const { i, j } = best;
      pairs.push({ from: left[i]!, to: right[j]!, comparable: false });
      left.splice(i, 1);
      right.splice(j, 1);
    }
    for (const pair of pairs) {
      const valueChange = compareTargetValues(pair.from, pair.to, base.direction);
      rows.push({
        ...base,
        from: pair.from,
        to: pair.to,
        change: pair.comparable ? valueChange : "DUE_DATE_CHANGED",
        valueChange,
      });
    }
    for (const target of left) rows.push({ ...base, from: target, to: null, change: "ONLY_FROM", valueChange: null });
    for (const target of right) rows.push({ ...base, from: null, to: target, change: "ONLY_TO", valueChange: null });
  }
  // Pairs first (what moved matters most), then what only one document names; by name within each.
  const order: Record<TargetChange, number> = {
    RAISED: 0,
    LOWERED: 1,
    DUE_DATE_CHANGED: 2,
    UNCHANGED: 3,
    ONLY_TO: 4,
    ONLY_FROM: 5,
  };
  return rows.sort(
    (a, b) =>
      order[a.change] - order[b.change] ||
      a.indicatorName.localeCompare(b.indicatorName, "zh-CN") ||
      a.basis.localeCompare(b.basis),
  );
}
