/**
 * Quantities in a sentence: comparator, figure as written and normalised, unit and magnitude,
 * cumulative/annual and aspiration markers, and a metric name read from the surrounding clause.
 */
export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "~";

export interface Quantity {
  /** Metric name as read from the clause (e.g. 5G基站, 智慧社区覆盖率). */
  name: string;
  comparator: Comparator;
  aspirational: boolean;
  valueAsWritten: string;
  /** Figure in base units: 16万个 → 160000, 1.4万亿元 → 1.4e12, 98% → 98. */
  normalizedValue: number;
  unit: string;
  magnitude: number;
  /** true: 累计/总数/在用 (a stock); false: 新建/新增/年内 (a flow in the period); null: not stated. */
  cumulative: boolean | null;
  /** Offsets of the quantity (with its comparator words) and of its clause in the searched text. */
  start: number;
  end: number;
  clauseStart: number;
  clauseEnd: number;
  /** Whether the clause reads as a target (comparator, target verb or a rate), not a scope count. */
  targetLike: boolean;
}

const MAGNITUDES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };
const UNITS = "%|个|家|项|条|户|处|座|所|场|名|人次|元|千瓦|台|套|组|次|张|款|项次";
const QUANTITY = new RegExp(
  `(?<pre>力争超过|力争突破|力争达到|力争|不少于|不低于|不超过|不高于|超过|突破|达到|高于|低于|多于|少于|达|约)?` +
    `(?<num>\\d+(?:\\.\\d+)?)(?<mag>万亿|亿|万|千(?!瓦|伏))?(?<unit>${UNITS})?(?<post>以上|以下|左右|以内|多)?`,
  "g",
);
const CLAUSE_BOUNDARY = /[，。；：、“”（）\n]/;
const LEADING_FILLER =
  /^(?:\d{4}年(?:年底前|底前|年底)?|到\d{4}年|年内|全年|全省|全国|其中|累计|力争|各类|并|实现|新建设|新建|新增|新认证|新培育|新打造|建成并开通|新建并开通|建成|建设|打造|培育|认证|认定|推动|推出|创建|开通|完成|形成|做强|举办|开工改造|滚动实施|实施|拥有|接入|注册|的)+/;
const TRAILING_VERB = /(?:力争|均达|均|达到|达|突破|超过|不少于|不低于|不超过|为|实现|提高到|提升至|占比|的)+$/;
const TARGET_VERB =
  /(新建|建成|建设|打造|培育|新增|开通|认定|认证|创建|完成|形成|实现|推出|举办|落地|部署|做强|改造|达到|达|突破|超过|累计)/;

export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const groups = match.groups ?? {};
    const { num, mag, unit } = groups;
    if (!num || (!unit && !mag)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const numberStart = start + (groups.pre?.length ?? 0);
    const before = text.slice(Math.max(0, numberStart - 4), numberStart);
    const after = text.slice(end, end + 6);
    if (isExcluded(before, after, num, text, numberStart)) continue;

    const clauseStart = lastBoundary(text, numberStart);
    const clauseEnd = nextBoundary(text, end);
    const pre = text.slice(clauseStart, start);
    const post = text.slice(end, clauseEnd);
    const magnitude = mag ? (MAGNITUDES[mag] ?? 1) : 1;
    const comparator = comparatorOf(groups.pre ?? "", groups.post ?? "", pre);
    found.push({
      name: metricNameFrom(pre, post),
      comparator,
      aspirational: /力争/.test(groups.pre ?? "") || /力争[^，。；]*$/.test(pre),
      valueAsWritten: match[0],
      normalizedValue: roundFloat(Number(num) * magnitude),
      unit: unit ?? "",
      magnitude,
      cumulative: cumulativeOf(text.slice(sentenceStart(text, start), start), unit ?? ""),
      start,
      end,
      clauseStart,
      clauseEnd,
      targetLike: Boolean(groups.pre || groups.post) || unit === "%" || TARGET_VERB.test(pre) || /等$/.test(pre),
    });
  }
  inheritListTargets(text, found);
  inheritImpliedNames(text, found);
  return found;
}

/** "打造20个省级新型大中型数据中心、60个省级新型边缘数据中心": items after 、 share the head's verb. */
function inheritListTargets(text: string, found: Quantity[]): void {
  for (let i = 1; i < found.length; i++) {
    const current = found[i];
    const previous = found[i - 1];
    if (!current || !previous || current.targetLike || !previous.targetLike) continue;
    const between = text.slice(previous.end, current.start);
    if (text[current.clauseStart - 1] === "、" && !/[。；]/.test(between)) {
      current.targetLike = true;
      current.cumulative = previous.cumulative;
    }
  }
}

/** "…充电设施达到5万个以上，2025年力争突破10万个": a clause without a subject continues the previous one. */
function inheritImpliedNames(text: string, found: Quantity[]): void {
  for (let i = 1; i < found.length; i++) {
    const current = found[i];
    const previous = found[i - 1];
    if (!current || !previous || current.name.length >= 2) continue;
    if (!/[。；]/.test(text.slice(previous.end, current.start)) && previous.unit === current.unit)
      current.name = previous.name;
  }
}

function isExcluded(before: string, after: string, num: string, text: string, numberStart: number): boolean {
  if (/(前|第|最高|每个最高|近|排名前|共计|前移|后移|排名|位次)$/.test(before)) return true;
  // A year, a figure inside a name (5G, 12英寸), or a qualifier such as 投资500万元以上的技改项目.
  if (/^(年|月|日|号|级|星|届|位|倍|小时|分钟|英寸|G|ms|兆|千伏|部|市|大)/.test(after) && !/^个/.test(after))
    return true;
  if (
    /^(以上)?的/.test(after) &&
    /投资|规模|营业收入|主营业务收入/.test(text.slice(Math.max(0, numberStart - 6), numberStart))
  )
    return true;
  return num.length === 4 && /^年/.test(after);
}

function comparatorOf(pre: string, post: string, clause: string): Comparator {
  if (post === "以上" || post === "多" || /不少于|不低于/.test(pre)) return ">=";
  if (post === "左右" || pre === "约") return "~";
  if (post === "以内" || /不超过|不高于/.test(pre)) return "<=";
  if (post === "以下" || /低于|少于/.test(pre)) return "<";
  if (/超过|突破|高于|多于/.test(pre)) return ">";
  if (/(不少于|不低于)$/.test(clause)) return ">=";
  return "=";
}

function cumulativeOf(pre: string, unit: string): boolean | null {
  // A rate or share is a level, neither a running total nor a flow.
  if (unit === "%") return null;
  if (/累计|总数|在用|总规模/.test(pre)) return true;
  if (/(新建|新增|新培育|新认证|新打造|新建设|年内|当年)/.test(pre)) return false;
  return null;
}

/** Metric name: the clause before the figure without fillers, or the noun after it ("1500个左右的智慧社区"). */
export function metricNameFrom(pre: string, post: string): string {
  let name = pre.replace(LEADING_FILLER, "").replace(TRAILING_VERB, "");
  if (/[等和及与]$/.test(name) || /\d/.test(name) || name.length < 2 || TARGET_VERB.test(name.slice(-2))) {
    const noun =
      post
        .replace(/^(左右|以上|以下|多)?(的)?/, "")
        .replace(/^(以上|左右)/, "")
        .split(/[和及与（]/)[0] ?? "";
    if (noun.length >= 2) name = noun;
  }
  return name.replace(/[“”"]/g, "").trim();
}

function lastBoundary(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_BOUNDARY.test(text[i] ?? "")) return i + 1;
  return 0;
}

function nextBoundary(text: string, index: number): number {
  for (let i = index; i < text.length; i++) if (/[，。；、\n]/.test(text[i] ?? "")) return i;
  return text.length;
}

function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (/[。；\n]/.test(text[i] ?? "")) return i + 1;
  return 0;
}

function roundFloat(value: number): number {
  return Number(value.toPrecision(12));
}
