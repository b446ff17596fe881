import type { AREAS, IndicatorSynonym, IngestProfile } from "./profile";
import { escapeRegExp } from "./repairs";

/**
 * Metric keys shared across documents. The profile's synonym table (IngestProfile.synonyms; Shandong's
 * is seed/indicator-synonyms.json) lists each metric
 * with the spellings documents use; a name matches the entry whose synonym it contains, longest
 * synonym first (so 智慧社区覆盖率 is coverage, not the community count). A synonym written with "…"
 * matches names that contain its parts in order ("四星级以上…县（市、区）占比" matches both
 * 建成四星级以上新型智慧城市的县（市、区）占比 and 达到…四星级以上标准的县（市、区）占比). The unit kind
 * must agree too: a share (%), a money amount (元), a rank (名) and a count are never the same metric
 * (so 在用标准机架数全国排名前移 is not the rack count). A name the table does not know
 * gets a deterministic key derived from its normalised text ("name:…"), so it is still stable across
 * runs and documents but visibly unlisted.
 */

interface Matcher {
  /** Scope words dropped from the start of a name: 全省, 全国, 我省 and the profile's province prefixes. */
  scope: RegExp;
  /** Every synonym split at "…", longest first. */
  byLength: readonly { parts: string[]; entry: IndicatorSynonym }[];
}

const matchers = new WeakMap<IngestProfile, Matcher>();

function matcherOf(profile: IngestProfile): Matcher {
  let matcher = matchers.get(profile);
  if (!matcher) {
    const scope = new RegExp(`^(${["全省", "全国", "我省", ...profile.provincePrefixes].map(escapeRegExp).join("|")})`);
    const byLength = profile.synonyms
      .flatMap((entry) =>
        entry.synonyms.map((synonym) => ({
          parts: normalise(synonym, scope).split("…").filter(Boolean),
          entry,
        })),
      )
      .sort((a, b) => b.parts.join("").length - a.parts.join("").length);
    matcher = { scope, byLength };
    matchers.set(profile, matcher);
  }
  return matcher;
}

function containsInOrder(name: string, parts: string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = name.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return parts.length > 0;
}

type UnitKind = "%" | "money" | "rank" | "count";
function unitKindOf(unit: string): UnitKind {
  if (unit === "%") return "%";
  if (unit === "元") return "money";
  if (unit === "名" || unit === "位") return "rank";
  return "count";
}

/** Deterministic normalisation: no quotes, spaces, fillers or possessives. */
export function normaliseMetricName(name: string, profile: IngestProfile): string {
  return normalise(name, matcherOf(profile).scope);
}

function normalise(name: string, scope: RegExp): string {
  return name
    .replace(/[“”"‘’《》\s]/g, "")
    .replace(scope, "")
    .replace(/的/g, "");
}

export interface MetricMatch {
  metricKey: string;
  metricName: string;
  area: (typeof AREAS)[number] | null;
  listed: boolean;
}

export function matchMetric(name: string, unit: string, profile: IngestProfile): MetricMatch {
  const { scope, byLength } = matcherOf(profile);
  const normalised = normalise(name, scope);
  const unitKind = unitKindOf(unit);
  for (const { parts, entry } of byLength) {
    if (unitKindOf(entry.unit) === unitKind && containsInOrder(normalised, parts)) {
      return { metricKey: entry.key, metricName: entry.name, area: entry.area, listed: true };
    }
  }
  return {
    metricKey: `name:${normalised}${unitKind === "%" ? "（%）" : unitKind === "rank" ? "（名次）" : ""}`,
    metricName: normalised,
    area: null,
    listed: false,
  };
}

/** Area of a chapter from its title (the documents' chapters follow the five areas). */
export function areaOfTitle(title: string): (typeof AREAS)[number] | null {
  if (/基础设施/.test(title)) return "数字基础设施";
  if (/数字经济|产业|科创|科技/.test(title)) return "数字经济";
  if (/数字政府|政务|机关|施政|政策法规|安全保障|基础支撑/.test(title)) return "数字政府";
  if (/数字社会|便民|智慧城市|民生/.test(title)) return "数字社会";
  if (/数字生态|数据资源|数据要素/.test(title)) return "数字生态";
  return null;
}
