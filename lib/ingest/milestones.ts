/**
 * Dated milestones in task text. A milestone governs the clause that follows its date expression up to
 * the end of the sentence (。 or ；), so "2023年年底前，…；2025年年底前，…。" yields two milestones.
 * Dates without a year (年底前, 年内, 6月底前, 上半年) belong to the document's plan year; without one
 * (a five-year plan) they cannot be dated and are reported instead. No date, no milestone: the task
 * runs for the whole document period.
 */
export interface Milestone {
  due: string;
  text: string;
  /** Offsets within the searched text. */
  start: number;
  end: number;
}

export interface MilestoneResult {
  milestones: Milestone[];
  /** Relative dates that could not be resolved because the document has no plan year. */
  unresolved: { expression: string; start: number; end: number }[];
}

/** Where a year expression counts as a deadline: at a clause start, or after 到/在/于/力争(到). */
const CLAUSE_START = /(^|[。；，：、]|到|在|于|力争|确保|计划)$/;

/** "2022年，…" or "2023年新建成…": a year alone, which is a deadline only at a clause start. */
const BARE_YEAR =
  /(?<year>\d{4})年(?=[，,]|[^\d月底末上下年。；]{0,6}?(新建|建成|完成|达到|达|实现|突破|打造|力争|全省|全面|基本|初步|形成|推动|培育))/g;

const PATTERNS: readonly RegExp[] = [
  // 2023年6月底前 / 2023年6月 / 2023年6月30日前
  /(?<year>\d{4})年(?<month>\d{1,2})月(?:(?<day>\d{1,2})日)?(?:底|末)?(?:前|以前)?/g,
  // 2023年上半年 / 下半年
  /(?<year>\d{4})年(?<half>上半年|下半年)/g,
  // 2023年年底前 / 2023年底前 / 2023年末
  /(?<year>\d{4})年(?:年底|底|年末|末)(?:前|以前)?/g,
  // 到2025年 / 2022年，
  /(?<to>到|至)(?<year>\d{4})年/g,
  BARE_YEAR,
  // Without a year: 6月底前, 上半年, 年底前, 年内
  /(?<![\d年])(?<month>\d{1,2})月(?:底|末)(?:前|以前)?/g,
  /(?<![\d年])(?<half>上半年|下半年)/g,
  /(?<![\d年])(?<yearEnd>年底前|年底|年内|年末前|年末)/g,
];

export function extractMilestones(text: string, planYear: number | null): MilestoneResult {
  const claimed: { start: number; end: number }[] = [];
  const milestones: Milestone[] = [];
  const unresolved: MilestoneResult["unresolved"] = [];

  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (claimed.some((span) => start < span.end && end > span.start)) continue;
      const groups = match.groups ?? {};
      if (insideTitleOrBrackets(text, start)) continue;
      const bareYear = pattern === BARE_YEAR;
      if (bareYear && !CLAUSE_START.test(text.slice(Math.max(0, start - 4), start))) continue;
      claimed.push({ start, end });

      const year = groups.year ? Number(groups.year) : planYear;
      if (year === null) {
        unresolved.push({ expression: match[0], start, end });
        continue;
      }
      const due = dueDate(year, groups);
      const clauseEnd = sentenceEnd(text, end);
      milestones.push({ due, text: text.slice(start, clauseEnd).trim(), start, end: clauseEnd });
    }
  }
  milestones.sort((a, b) => a.start - b.start);
  // "2022年…5万个以上，2025年力争突破10万个。": a milestone's clause stops where the next one starts.
  for (let i = 0; i + 1 < milestones.length; i++) {
    const current = milestones[i];
    const next = milestones[i + 1];
    if (!current || !next || next.start >= current.end) continue;
    current.end = next.start;
    current.text = text.slice(current.start, current.end).replace(/[，、\s]+$/, "");
  }
  return { milestones, unresolved };
}

/** Years in 《…》 or brackets name a document or period, not a deadline. */
function insideTitleOrBrackets(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  return /《[^》]*$/.test(before) || /[（(][^）)]*$/.test(before);
}

function dueDate(year: number, groups: Record<string, string | undefined>): string {
  if (groups.month) {
    const month = Number(groups.month);
    const day = groups.day ? Number(groups.day) : lastDayOfMonth(year, month);
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  if (groups.half === "上半年") return `${year}-06-30`;
  return `${year}-12-31`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function sentenceEnd(text: string, from: number): number {
  const match = /[。；]/.exec(text.slice(from));
  return match ? from + match.index + 1 : text.length;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
