import { EMPTY_PROFILE, type IngestProfile } from "./profile";
import { escapeRegExp } from "./repairs";

/**
 * Quantities in a sentence: comparator, figure as written and normalised, unit and magnitude,
 * cumulative/annual and aspiration markers, a metric name read from the surrounding clause, and the
 * minimal clause to quote.
 *
 * WHAT IS AN INDICATOR (a quantitative target an analyst puts into the catalogue):
 * a figure with a measure word or a magnitude (个 家 项 处 场 % 元 千瓦 人次 户 …, 万/亿) that something
 * should reach, exceed, stay under or approximate — a count, a percentage, a money amount, a rank
 * (排名第二, 排名前移3名). It is a target when the clause says so: a comparator or approximation
 * (以上 以下 左右 不少于 至少 超过 突破 达到 力争 …), a creating verb before it (建成 打造 培育 新增 …), or a
 * rate (%). Baseline sections state facts, so there every such figure counts.
 *
 * WHAT IS NOT:
 * - years, months, dates, durations (2023年, 每2个月, 15分钟), document numbers, list and section ordinals,
 *   ordinals and top-N scopes (第一批, 第二届, 前100项, 排名前5位), caps of awards (最高500万元);
 * - figures inside names (5G, 10G PON, 800G, 12英寸, 35千伏, 深蓝1号, 四星级, 16市 = "the 16 cities");
 * - Chinese-numeral counts (两个, 三批, 百城万站), which are names or scopes, not targets;
 * - qualifiers that define what is counted (投资500万元以上的技改项目, 一批年业务收入超过10亿…的企业);
 * - per-unit norms (每县至少1处, 每个行政村至少1组): a standard for each place, not a province figure;
 * - appositive counts of an enumeration (济南、青岛、潍坊3个试验区: the 3 only counts the names);
 * - bare counts after 推动/围绕 that name the scope of an action (推动28个国家产业示范园区…赋能改造).
 *
 * NAMES (deterministic, no per-sentence table):
 * - subject before the figure: "X达到N%", "X突破N亿元", "新建X N个", "建成X N个" → X without time and
 *   scope fillers (2023年, 年底前, 全省, 累计) or creating verbs (新建, 建成, 打造, …); shares keep 占比/比重;
 *   a subject of 、-joined parts without figures is read whole (信用核查、联合奖惩系统年均查询量);
 *   "A率及B率均达N%" gives two indicators; "占GDP比重" without a subject takes the previous figure's.
 * - object after the figure: "打造N个X", "N个以上X", "N家左右…的X" → the head noun X (after the last 的
 *   unless the modifier holds a figure), 、-joined kinds sharing one figure kept together; a predicate
 *   after the object is part of the metric: "推动N个X落地" → 落地X, "N个X投入运行" → 投入运行的X.
 * - population shares: "N%以上的X具备Y" → 具备Y的X占比; "N%以上X功能性覆盖" → X功能性覆盖率;
 *   "X实现光纤N%覆盖" → X光纤覆盖率; coordinated shares share the predicate (80%的市和30%的县达到…).
 */
export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "~";

export interface Quantity {
  /** Metric name as read from the clause (e.g. 5G基站, 智慧社区覆盖率). */
  name: string;
  comparator: Comparator;
  aspirational: boolean;
  valueAsWritten: string;
  /** Figure in base units: 16万个 → 160000, 1.4万亿元 → 1.4e12, 98% → 98. For a range, the lower bound. */
  normalizedValue: number;
  /** Upper bound of a range ("50—80个"), in base units; null otherwise. */
  upperValue: number | null;
  unit: string;
  magnitude: number;
  /** true: 累计/总数/在用 (a stock); false: 新建/新增/年内 (a flow in the period); null: not stated. */
  cumulative: boolean | null;
  /** Offsets of the quantity (with its comparator words) and of its clause in the searched text. */
  start: number;
  end: number;
  clauseStart: number;
  clauseEnd: number;
  /** Minimal clause to quote: subject or verb through the figure and its object. */
  quoteStart: number;
  quoteEnd: number;
  /** Whether the clause reads as a target (comparator, target verb or a rate), not a scope count. */
  targetLike: boolean;
}

const MAGNITUDES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };
const UNITS = "%|个|家|项次|项|条|户|处|座|所|场|名|人次|元|千瓦|台|套|组|次|张|款";
const PRE_WORDS =
  "力争超过|力争突破|力争达到|力争|不少于|不低于|至少|不超过|不高于|超过|突破|达到|高于|低于|多于|少于|达|约|降低到|降低至|降到|降至|下降到|下降至|控制在|提高到|提高至|提升到|提升至";
const QUANTITY = new RegExp(
  `(?<pre>${PRE_WORDS})?` +
    `(?<num>\\d+(?:\\.\\d+)?)(?:(?<sep>[—–~～\\-]{1,2}|至|到)(?<num2>\\d+(?:\\.\\d+)?))?` +
    `(?<mag>万亿|亿|万|千(?!瓦|伏))?(?<unit>${UNITS})?(?<post>以上|以下|左右|以内|多)?`,
  "g",
);
const RANK =
  /(?:全国|国内)?排名(?:第(?<ordinal>[一二三四五六七八九十]+|\d+)(?:位|名)?|(?<dir>前移|上升|提升|提高)(?<places>\d+)(?:名|位)(?<post>左右|以上)?)/g;
const OPEN = "（(《“‘";
const CLOSE = "）)》”’";
/** Clause boundaries for the subject (、 splits enumerated figures) and for the sentence part. */
const SUBJECT_BOUNDARY = /[，。；;：:、\n]/;
const CLAUSE_BOUNDARY = /[，。；;：:\n]/;
const TIME_FILLER =
  /^(?:力争到\d{4}年|到\d{4}年(?:年?底)?|\d{4}年(?:年底前|底前|年底|前)?|年底前|年内|全年|当年|今年|每年)/;
/** Scope fillers; the profile's province prefixes (山东省) join 全省 and 我省. */
const scopeFillers = new WeakMap<ProvincePrefixes, RegExp>();
function scopeFillerOf(profile: ProvincePrefixes): RegExp {
  let filler = scopeFillers.get(profile);
  if (!filler) {
    const words = ["全省", "全市", "我省", ...profile.provincePrefixes.map(escapeRegExp)];
    filler = new RegExp(
      `^(?:${words.join("|")}|其中|累计|力争|争取|各类|并|同时|持续|进一步|高标准|高质量|加快|深入|大力)`,
    );
    scopeFillers.set(profile, filler);
  }
  return filler;
}
const VERB_FILLER =
  /^(?:新建设认证|新建设|新建并开通|建成并开通|新建成|新建|新增|新认证|新培育|新打造|建设运营|认定建设|培育推广|建成|建设|打造|培育|认定|认证|推动|推进|推出|创建|开通|完成|形成|做强|做大|举办|滚动实施|实施|拥有|带动聚集|带动|聚集|开展|部署|引进|建有|实现)/;
const BATCH = /^(?:首批|第一批|第二批|第三批|一批|部分)/;
const TRAILING_VERB =
  /(?:力争|均达到|均达|均|达到|达|突破|超过|不少于|不低于|至少|不超过|不高于|低于|高于|为|实现|提高到|提高至|提升至|提升到|降低到|降低至|降到|降至|下降到|下降至|控制在|累计|的)+$/;
const TARGET_VERB =
  /(新建|建成|建设|打造|培育|新增|开通|认定|认证|创建|完成|形成|实现|推出|举办|落地|部署|做强|改造|达到|达|突破|超过|累计|至少)/;
/** Predicates after a counted object: part of the metric ("N个项目落地" → 落地项目). */
const OBJECT_PREDICATE = /具备|实现|达到|纳入|投入|落地|开展|建成|获得/;

type ProvincePrefixes = Pick<IngestProfile, "provincePrefixes">;

export function findQuantities(text: string, profile: ProvincePrefixes = EMPTY_PROFILE): Quantity[] {
  const scope = scopeFillerOf(profile);
  const found: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const groups = match.groups ?? {};
    const { num, mag, unit } = groups;
    if (!num || (!unit && !mag)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const numberStart = start + (groups.pre?.length ?? 0);
    if (isExcluded(text, numberStart, end, num, unit ?? "")) continue;

    const clauseStart = boundaryBefore(text, numberStart, SUBJECT_BOUNDARY);
    const clauseEnd = boundaryAfter(text, end, CLAUSE_BOUNDARY);
    const pre = text.slice(clauseStart, start);
    if (isScopeQualifier(text, numberStart, Number(num))) continue;
    const magnitude = mag ? (MAGNITUDES[mag] ?? 1) : 1;
    const sentence = text.slice(sentenceStart(text, start), start);
    const quantity: Quantity = {
      name: "",
      comparator: comparatorOf(groups.pre ?? "", groups.post ?? "", pre),
      aspirational:
        /力争|争取/.test(groups.pre ?? "") || /(力争|争取)[^，。；]*$/.test(pre) || /^(力争|争取)/.test(sentence),
      valueAsWritten: match[0],
      normalizedValue: roundFloat(Number(num) * magnitude),
      upperValue: groups.num2 ? roundFloat(Number(groups.num2) * magnitude) : null,
      unit: unit ?? "",
      magnitude,
      cumulative: cumulativeOf(sentence, unit ?? ""),
      start,
      end,
      clauseStart,
      clauseEnd,
      quoteStart: clauseStart,
      quoteEnd: clauseEnd,
      targetLike:
        Boolean(groups.pre || groups.post || groups.num2) || unit === "%" || TARGET_VERB.test(pre) || /等$/.test(pre),
    };
    if (groups.num2 && quantity.comparator === "=") quantity.comparator = ">=";
    found.push(...nameQuantity(text, quantity, scope));
  }
  found.push(...findRanks(text, found, scope));
  found.sort((a, b) => a.start - b.start);
  shareCoordinatedPredicates(text, found, scope);
  inheritListTargets(text, found);
  inheritImpliedNames(text, found);
  found.push(...findFullCoverage(text, found, scope));
  found.sort((a, b) => a.start - b.start);
  for (const quantity of found) quantity.name = tidyName(quantity.name);
  return found.filter((quantity) => quantity.name.length > 0 || quantity.targetLike);
}

// ---------------------------------------------------------------------------------------------- names

interface NameParts {
  subject: string;
  /** Where the subject starts (after fillers), for the quote. */
  subjectStart: number;
  object: string;
  objectEnd: number;
  /** The object stopped before a coordinated figure (、/和 + figure). */
  coordinated: boolean;
}

function nameQuantity(text: string, quantity: Quantity, scope: RegExp): Quantity[] {
  const parts = readParts(text, quantity, scope);
  const { subject, object } = parts;
  const percent = quantity.unit === "%";
  const sentenceFrom = boundaryBefore(text, quantity.start, CLAUSE_BOUNDARY);
  let name = "";
  let fromSubject = false;

  if (percent && /覆盖$/.test(object) && isNounSubject(subject)) {
    // "X实现光纤100%覆盖", "所有城区、行政村实现100%光纤覆盖" → X光纤覆盖率
    name = `${subject.replace(/实现/g, "")}${object}率`;
    fromSubject = true;
  } else if (isNounSubject(subject)) {
    name = subject;
    fromSubject = true;
  } else if (object) {
    name = percent ? shareName(object) : countName(object);
  } else {
    name = subject.replace(BATCH, "");
    fromSubject = name.length > 0;
  }

  quantity.name = name;
  if (fromSubject) {
    quantity.quoteStart = parts.subjectStart;
    quantity.quoteEnd = boundaryAfter(text, quantity.end, SUBJECT_BOUNDARY);
  } else {
    quantity.quoteStart = sentenceFrom;
    quantity.quoteEnd = parts.coordinated ? quantity.clauseEnd : Math.max(parts.objectEnd, quantity.end);
  }
  if (!fromSubject && parts.coordinated) coordinatedPending.set(quantity, parts);

  // "A率及B率均达N%": one figure, two metrics.
  const pair = /^(.+?)(率)(?:及|和|与|、)(.{1,4}率)$/.exec(name);
  if (pair && /均/.test(text.slice(quantity.clauseStart, quantity.start))) {
    const first = `${pair[1]}${pair[2]}`;
    const second = `${first.slice(0, Math.max(0, first.length - (pair[3] ?? "").length))}${pair[3]}`;
    return [
      { ...quantity, name: first },
      { ...quantity, name: second },
    ];
  }
  return [quantity];
}

/** Objects stopped before a coordinated figure, waiting for the shared predicate (see below). */
const coordinatedPending = new WeakMap<Quantity, NameParts>();

function readParts(text: string, quantity: Quantity, scope: RegExp): NameParts {
  // Subject: the clause before the figure, extended over 、-joined parts that carry no figure.
  let clauseStart = quantity.clauseStart;
  let subject = cleanSubject(text.slice(clauseStart, quantity.start), scope);
  if (isNounSubject(subject) && text[clauseStart - 1] === "、") {
    const previousStart = boundaryBefore(text, clauseStart - 1, SUBJECT_BOUNDARY);
    const previous = cleanSubject(text.slice(previousStart, clauseStart - 1), scope);
    if (previous.length >= 2 && previous.length <= 20 && !/\d/.test(previous) && !TARGET_VERB.test(previous)) {
      subject = `${previous}、${subject}`;
      clauseStart = previousStart;
    }
  }
  // The quote keeps the whole clause (fillers included: "全省累计建设5G基站5.1万个").
  const subjectStart = clauseStart;

  // Object: the noun phrase after the figure, up to the clause end or the next coordinated figure.
  let index = quantity.end;
  let depth = 0;
  let coordinated = false;
  for (; index < text.length; index++) {
    const ch = text[index] ?? "";
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (CLAUSE_BOUNDARY.test(ch)) break;
    if (/[、和及与]/.test(ch) && new RegExp(`^(?:${PRE_WORDS})?\\d`).test(text.slice(index + 1))) {
      coordinated = true;
      break;
    }
  }
  const object = text
    .slice(quantity.end, index)
    .replace(/^(?:以上|左右|以下|多)?的?/, "")
    .replace(/设区的市/g, "设区市")
    .trim();
  return { subject, subjectStart, object, objectEnd: index, coordinated };
}

function leadingFillerLength(pre: string, scope: RegExp): number {
  let rest = pre;
  for (;;) {
    const next = rest.replace(TIME_FILLER, "").replace(scope, "").replace(VERB_FILLER, "").replace(BATCH, "");
    if (next === rest) break;
    rest = next;
  }
  return pre.length - rest.length;
}

/** The clause before the figure without time/scope fillers, creating verbs and comparator verbs. */
export function cleanSubject(pre: string, scope: RegExp = scopeFillerOf(EMPTY_PROFILE)): string {
  let name = pre.slice(leadingFillerLength(pre, scope)).replace(TRAILING_VERB, "");
  // "软件业实现营业收入" → 软件业营业收入; "示范区数量占全国" → …占全国比重
  name = name.replace(/实现(营业收入|收入|增加值|产值|营收)/, "$1");
  if (/占(全国|全省|GDP)$/.test(name)) name += "比重";
  return name.trim();
}

/** A noun phrase, not a conjunction-, verb- or batch-word ("“一行业一重点”打造", "首批", "开发区及"). */
function isNounSubject(subject: string): boolean {
  return (
    subject.length >= 2 &&
    !/[等和及与、]$/.test(subject) &&
    !CREATING_VERB_END.test(subject) &&
    !BATCH.test(subject) &&
    !/^[\d.]+$/.test(subject)
  );
}
const CREATING_VERB_END =
  /(新建|建成|建设|打造|培育|新增|开通|认定|认证|创建|完成|形成|推出|举办|部署|做强|推动|实施)$/;

/** Split "X<predicate>" at the first predicate outside brackets and quotes. */
function splitPredicate(object: string): { noun: string; predicate: string } {
  let depth = 0;
  for (let i = 1; i < object.length; i++) {
    const ch = object[i] ?? "";
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && OBJECT_PREDICATE.test(object.slice(i, i + 2))) {
      return { noun: object.slice(0, i), predicate: object.slice(i) };
    }
  }
  return { noun: object, predicate: "" };
}

/** Head noun: after the last 的 outside brackets, unless the modifier itself holds a figure. */
function headNoun(noun: string): string {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < noun.length; i++) {
    const ch = noun[i] ?? "";
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === "的") last = i;
  }
  if (last < 0 || /\d/.test(noun.slice(0, last))) return noun;
  return noun.slice(last + 1);
}

/** "1000个以上数字经济项目落地" → 落地数字经济项目; "73个县级节点投入运行" → 投入运行的县级节点. */
function countName(object: string, sharedPredicate = ""): string {
  const { noun, predicate: own } = splitPredicate(object);
  const predicate = own || sharedPredicate;
  const head = headNoun(noun);
  if (!predicate) return head;
  return predicate.length <= 2 ? `${predicate}${head}` : `${predicate}的${head}`;
}

/** "80%以上的家庭具备千兆接入能力" → 具备千兆接入能力的家庭占比; "90%以上重点行政村功能性覆盖" → …覆盖率. */
function shareName(object: string, sharedPredicate = ""): string {
  const { noun, predicate: own } = splitPredicate(object);
  const predicate = own || sharedPredicate;
  const head = headNoun(noun);
  if (/覆盖$/.test(predicate || head)) return `${head}${predicate}率`;
  return predicate ? `${predicate}的${head}占比` : `${head}占比`;
}

/**
 * "80%以上的设区的市和30%以上的县（市、区）达到…四星级以上": the first object stops before the
 * coordinated figure; it shares the predicate of the last one.
 */
function shareCoordinatedPredicates(text: string, found: Quantity[], scope: RegExp): void {
  for (let i = found.length - 2; i >= 0; i--) {
    const current = found[i];
    const next = found[i + 1];
    const parts = current ? coordinatedPending.get(current) : undefined;
    if (!current || !next || !parts) continue;
    if (/[，。；;\n]/.test(text.slice(current.end, next.start))) continue;
    const nextParts = coordinatedPending.get(next) ?? readParts(text, next, scope);
    const shared = splitPredicate(nextParts.object).predicate;
    if (!shared) continue;
    current.name = current.unit === "%" ? shareName(parts.object, shared) : countName(parts.object, shared);
    current.quoteEnd = Math.max(current.quoteEnd, next.quoteEnd);
  }
}

function tidyName(name: string): string {
  return name.replace(/[“”"‘’《》]/g, "").trim();
}

// ---------------------------------------------------------------------------------------- exclusions

function isExcluded(text: string, numberStart: number, end: number, num: string, unit: string): boolean {
  const before = text.slice(Math.max(0, numberStart - 4), numberStart);
  const after = text.slice(end, end + 6);
  // Ordinals, top-N scopes, caps of awards, "nearly", ranks (read separately by findRanks).
  if (/(第|(?<![年底])前|最高|每个最高|近|排名前|共计|前移|后移|排名|位次)$/.test(before)) return true;
  // Per-place norms: 每县（市、区）至少建有1处, 每个行政村至少有1组; 每2个月. (每年 is an annual target,
  // 每万人 a per-capita rate: both stay.)
  const lead = text.slice(boundaryBefore(text, numberStart, CLAUSE_BOUNDARY), numberStart);
  if (/每(?:个|一个)?(?:县|市|区|乡|镇|村|行政村|社区|学校|所|家)[^，。；]*$/.test(lead) || /每$/.test(before))
    return true;
  // A year, a duration, or a figure inside a name (5G, 12英寸, 深蓝1号, 16市).
  if (!unit && /^(年|月|日|号|级|星|届|位|倍|小时|分钟|英寸|G|ms|兆|千伏|部|市|大)/.test(after)) return true;
  if (unit === "个" && /^(月|工作日|小时)/.test(after)) return true;
  if (/^(级|届|倍|英寸)/.test(after)) return true;
  // A qualifier of what is counted: 投资500万元以上的技改项目.
  if (
    /^(以上)?的/.test(after) &&
    /投资|规模|营业收入|主营业务收入/.test(text.slice(Math.max(0, numberStart - 6), numberStart))
  )
    return true;
  return num.length === 4 && /^年/.test(after);
}

/**
 * Scope and qualifier figures: "一批年业务收入超过10亿…的骨干企业" (一批 is the count, the figure
 * qualifies); "济南、青岛、潍坊3个试验区" (the figure counts the names just listed).
 */
function isScopeQualifier(text: string, numberStart: number, value: number): boolean {
  const sentenceFrom = boundaryBefore(text, numberStart, CLAUSE_BOUNDARY);
  const lead = text.slice(sentenceFrom, numberStart);
  if (/一批/.test(lead)) return true;
  const items = lead.split("、");
  if (items.length >= 2 && items.length === value && !/等$/.test(lead)) {
    return items.every((item, index) => item.length <= (index === 0 ? 8 : 6) && !/\d/.test(item));
  }
  return false;
}

// -------------------------------------------------------------------------------- ranks, 全覆盖

/** "信息化与工业化融合发展水平在全国排名第二", "全国排名前移3名左右". */
function findRanks(text: string, found: Quantity[], scope: RegExp): Quantity[] {
  const ranks: Quantity[] = [];
  for (const match of text.matchAll(RANK)) {
    const groups = match.groups ?? {};
    const start = match.index;
    const end = start + match[0].length;
    const clauseStart = boundaryBefore(text, start, SUBJECT_BOUNDARY);
    let subject = cleanSubject(text.slice(clauseStart, start).replace(/(在|居|位居)?(全国|国内)?$/, ""), scope);
    subject = subject.replace(/(在|居|位居)$/, "");
    if (subject.length < 2) {
      const previous = found.filter((q) => q.end <= start && !/[。；;\n]/.test(text.slice(q.end, start))).at(-1);
      subject = previous?.name ?? "";
    }
    const ordinal = groups.ordinal;
    const value = ordinal ? (/^\d+$/.test(ordinal) ? Number(ordinal) : chineseNumber(ordinal)) : Number(groups.places);
    const sentence = text.slice(sentenceStart(text, start), start);
    ranks.push({
      name: `${subject}全国排名${ordinal ? "" : "前移"}`,
      comparator: groups.post === "左右" ? "~" : groups.post === "以上" ? ">=" : "=",
      aspirational: /(力争|争取)[^，。；]*$/.test(sentence),
      valueAsWritten: match[0],
      normalizedValue: value,
      upperValue: null,
      unit: "名",
      magnitude: 1,
      cumulative: null,
      start,
      end,
      clauseStart,
      clauseEnd: boundaryAfter(text, end, CLAUSE_BOUNDARY),
      quoteStart: clauseStart,
      quoteEnd: boundaryAfter(text, end, SUBJECT_BOUNDARY),
      targetLike: true,
    });
  }
  return ranks;
}

function chineseNumber(value: string): number {
  const digits = "一二三四五六七八九";
  if (value === "十") return 10;
  if (value.includes("十")) {
    const [tens, units] = value.split("十");
    return (tens ? digits.indexOf(tens) + 1 : 1) * 10 + (units ? digits.indexOf(units) + 1 : 0);
  }
  return digits.indexOf(value) + 1;
}

/**
 * "智慧安防小区覆盖率达到60%;2022年年底前实现全覆盖": a subjectless 实现全覆盖 right after a coverage
 * rate continues it at 100 %.
 */
function findFullCoverage(text: string, found: Quantity[], scope: RegExp): Quantity[] {
  const extra: Quantity[] = [];
  for (const match of text.matchAll(/实现全覆盖/g)) {
    const start = match.index;
    const clauseStart = boundaryBefore(text, start, CLAUSE_BOUNDARY);
    if (cleanSubject(text.slice(clauseStart, start), scope).length > 0) continue;
    const previous = found.filter((q) => q.end <= start).at(-1);
    if (!previous || previous.unit !== "%" || !/覆盖率$/.test(previous.name)) continue;
    if (/\n/.test(text.slice(previous.end, start)) || start - previous.end > 40) continue;
    const end = start + match[0].length;
    extra.push({
      ...previous,
      comparator: "=",
      aspirational: false,
      valueAsWritten: "全覆盖",
      normalizedValue: 100,
      upperValue: null,
      start,
      end,
      clauseStart,
      clauseEnd: boundaryAfter(text, end, CLAUSE_BOUNDARY),
      quoteStart: clauseStart,
      quoteEnd: boundaryAfter(text, end, CLAUSE_BOUNDARY),
      targetLike: true,
    });
  }
  return extra;
}

// ------------------------------------------------------------------------------- list inheritance

/** "打造20个省级新型大中型数据中心、60个省级新型边缘数据中心": items after 、 share the head's verb. */
function inheritListTargets(text: string, found: Quantity[]): void {
  for (let i = 1; i < found.length; i++) {
    const current = found[i];
    const previous = found[i - 1];
    if (!current || !previous) continue;
    const between = text.slice(previous.end, current.start);
    if (/[。；;\n]/.test(between)) continue;
    const listed = text[current.clauseStart - 1] === "、" || /^[^，]*[和及与]$/.test(between);
    if (!listed) continue;
    if (!current.targetLike && previous.targetLike) {
      current.targetLike = true;
      current.cumulative = previous.cumulative;
    }
    // "创建不少于20个示范区和30个示范高校": a prefix comparator distributes over the coordinated items.
    if (
      current.comparator === "=" &&
      /^(不少于|不低于|至少)/.test(previous.valueAsWritten) &&
      /[和及与]$/.test(between)
    )
      current.comparator = previous.comparator;
  }
}

/** "…充电设施达到5万个以上，2025年力争突破10万个": a clause without a subject continues the previous one. */
function inheritImpliedNames(text: string, found: Quantity[]): void {
  for (let i = 1; i < found.length; i++) {
    const current = found[i];
    const previous = found[i - 1];
    if (!current || !previous) continue;
    const between = text.slice(previous.end, current.start);
    if (/[。；;\n]/.test(between)) continue;
    if (current.name.length < 2 && previous.unit === current.unit) {
      current.name = previous.name;
    } else if (current.name.length < 2 && between === "、" && previous.unit !== "%") {
      // "开工改造城镇老旧小区3898个、69.95万户": the same object counted in another unit.
      current.name = `${previous.name}${current.unit}数`;
      current.quoteStart = previous.quoteStart;
    } else if (/^占/.test(current.name) && previous.name.length >= 2 && !/^占/.test(previous.name)) {
      // "数字经济总量突破3万亿元，占GDP比重超过41%"
      current.name = `${previous.name}${current.name}`;
    }
  }
}

// ------------------------------------------------------------------------------------ comparators

function comparatorOf(pre: string, post: string, clause: string): Comparator {
  // Chinese legal usage: 以上/以下/以内 include the figure itself; 超过/低于 do not.
  if (post === "以上" || post === "多" || /不少于|不低于|至少/.test(pre)) return ">=";
  if (post === "左右" || pre === "约") return "~";
  if (post === "以内" || post === "以下" || /不超过|不高于/.test(pre)) return "<=";
  if (/低于|少于/.test(pre)) return "<";
  if (/超过|突破|高于|多于/.test(pre)) return ">";
  if (/(不少于|不低于|至少)[^，。；、]{0,4}$/.test(clause)) return ">=";
  return "=";
}

function cumulativeOf(pre: string, unit: string): boolean | null {
  // A rate or share is a level, neither a running total nor a flow.
  if (unit === "%") return null;
  if (/累计|总数|在用|总规模/.test(pre)) return true;
  if (/(新建|新增|新培育|新认证|新打造|新建设|年内|当年|每年)/.test(pre)) return false;
  return null;
}

/** Metric name from the text before and after a figure (kept for callers of the old API). */
export function metricNameFrom(pre: string, post: string, profile: ProvincePrefixes = EMPTY_PROFILE): string {
  const subject = cleanSubject(pre, scopeFillerOf(profile));
  if (isNounSubject(subject)) return tidyName(subject);
  return tidyName(countName(post.replace(/^(?:以上|左右|以下|多)?的?/, "").split(/[，。；、]/)[0] ?? ""));
}

// ----------------------------------------------------------------------------------------- scanning

/** Start of the clause containing `index`: after the last boundary outside brackets and quotes. */
function boundaryBefore(text: string, index: number, boundary: RegExp): number {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const ch = text[i] ?? "";
    if (CLOSE.includes(ch)) depth++;
    else if (OPEN.includes(ch)) {
      if (depth === 0) continue;
      depth--;
    } else if (depth === 0 && boundary.test(ch)) return i + 1;
  }
  return 0;
}

function boundaryAfter(text: string, index: number, boundary: RegExp): number {
  let depth = 0;
  for (let i = index; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      if (depth > 0) depth--;
    } else if (depth === 0 && boundary.test(ch)) return i;
  }
  return text.length;
}

function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (/[。；;\n]/.test(text[i] ?? "")) return i + 1;
  return 0;
}

function roundFloat(value: number): number {
  return Number(value.toPrecision(12));
}
