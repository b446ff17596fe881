import { canonicalDepartmentName, isGenericUnit, levelWord, startsWithAny } from "./departments";
import type { IngestProfile } from "./profile";

export type UnitRole = "LEAD" | "RESPONSIBLE" | "COOPERATING";

export interface UnitAssignment {
  name: string;
  role: UnitRole;
  generic: boolean;
  /** The item as written in the list (after normalisation), before canonicalisation and expansion. */
  raw: string;
  /** False when the department registry does not know the name (reported as a warning). */
  known: boolean;
}

export interface UnitListMatch {
  /** Offsets of the whole parenthetical within the searched text. */
  start: number;
  end: number;
  units: UnitAssignment[];
}

export interface UnitOptions {
  /** Document-level rule "列第一位的为牵头单位": the first unit of an unlabelled list leads. */
  firstListedLeads: boolean;
  /** Registry, province names and places of the documents' jurisdiction. */
  profile: IngestProfile;
}

const ROLE_LABEL = /(牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|协办单位|参与单位)：/g;
const ROLE_OF_LABEL: Record<string, UnitRole> = {
  牵头单位: "LEAD",
  牵头部门: "LEAD",
  主责单位: "LEAD",
  责任单位: "RESPONSIBLE",
  责任部门: "RESPONSIBLE",
  配合单位: "COOPERATING",
  配合部门: "COOPERATING",
  协办单位: "COOPERATING",
  参与单位: "COOPERATING",
};
/** "省大数据局牵头，省财政厅配合": role given by a verb after each group. */
const VERB_ROLE: readonly [RegExp, UnitRole][] = [
  [/牵头$/, "LEAD"],
  [/(配合|参与|协同|协助)$/, "COOPERATING"],
  [/((按职责)?分工)?负责$/, "RESPONSIBLE"],
];
/** Endings of organisation names; an item without one ("济南") shares the suffix of a later item. */
const ORG_SUFFIX =
  /(局|厅|委|办|部|院|会|府|站|中心|公司|行|署|队|集团|馆|所|社|团|联|处|室|校|组|门|位|构|关|台|园|基地|学院）?|）)$/;
const TRAILING_DUTY = /(按职责分工负责|按职责分工|分别负责|共同负责|负责)$/;
const FIRST_LISTED_RULE = /(列|排)(在)?(第一位|首位)的(单位)?为牵头单位/;

/**
 * Names that start with a level word (省, 市, 县, and the province's own: 自治区), the province's name or
 * its short name (山东银保监局) read as bodies in a list the registry does not fully know.
 */
const bodyStarts = new WeakMap<IngestProfile, RegExp>();
function bodyStartOf(profile: IngestProfile): RegExp {
  let pattern = bodyStarts.get(profile);
  if (!pattern) {
    const levels = profile.provincePrefixes.map(levelWord).filter((level) => level.length > 0);
    pattern = startsWithAny([
      "省",
      "市",
      "县",
      "各",
      ...levels,
      ...profile.provinceShortNames,
      ...profile.provincePrefixes,
    ]);
    bodyStarts.set(profile, pattern);
  }
  return pattern;
}

export function hasFirstListedLeadsRule(text: string): boolean {
  return FIRST_LISTED_RULE.test(text);
}

/**
 * Unit lists in a paragraph: labelled parentheticals anywhere (（牵头单位：…，责任单位：…）), "X牵头，Y配合"
 * parentheticals, and an unlabelled list of departments closing the paragraph.
 */
export function findUnitLists(text: string, options: UnitOptions): UnitListMatch[] {
  const found: UnitListMatch[] = [];
  for (const group of parentheticals(text)) {
    const content = group.content.trim();
    const atEnd = /^[。；;，\s]*$/.test(text.slice(group.end));
    let units: UnitAssignment[] = [];
    if (/^(牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|协办单位|参与单位)：/.test(content)) {
      units = parseLabelledList(content, options.profile);
    } else if (
      /^[^：]{2,}?牵头([，；、]|$)/.test(content) &&
      looksLikeUnitList(content.replace(/牵头|配合|参与|负责/g, ""), options.profile)
    ) {
      units = parseVerbList(content, options.profile);
    } else if (atEnd && looksLikeUnitList(content, options.profile)) {
      units = parsePlainList(content, options);
    }
    if (units.length > 0) found.push({ start: group.start, end: group.end, units });
  }
  return found;
}

/** Parse the inside of a labelled list. */
export function parseLabelledList(content: string, profile: IngestProfile): UnitAssignment[] {
  const labels = [...content.matchAll(ROLE_LABEL)];
  return labels.flatMap((label, index) => {
    const from = label.index + label[0].length;
    const to = labels[index + 1]?.index ?? content.length;
    const role = ROLE_OF_LABEL[label[1] ?? ""] ?? "RESPONSIBLE";
    return toAssignments(splitItems(content.slice(from, to)), role, profile);
  });
}

/** Parse "X牵头，Y配合" style lists. */
export function parseVerbList(content: string, profile: IngestProfile): UnitAssignment[] {
  return splitTopLevel(content, /[，；]/).flatMap((clause) => {
    const trimmed = clause.trim();
    const rule = VERB_ROLE.find(([pattern]) => pattern.test(trimmed));
    const role = rule?.[1] ?? "RESPONSIBLE";
    const names = rule ? trimmed.replace(rule[0], "") : trimmed;
    return toAssignments(splitItems(names), role, profile);
  });
}

/** An unlabelled list: first unit leads when the document says so, otherwise all are responsible. */
export function parsePlainList(content: string, options: UnitOptions): UnitAssignment[] {
  const assignments = toAssignments(splitItems(content), "RESPONSIBLE", options.profile);
  const first = assignments[0];
  if (options.firstListedLeads && first) first.role = "LEAD";
  return assignments;
}

function looksLikeUnitList(content: string, profile: IngestProfile): boolean {
  const items = splitItems(content);
  if (items.length === 0 || content.length > 400) return false;
  return items.every((item) => {
    const name = item.replace(TRAILING_DUTY, "").replace(/等(有关部门|相关部门)?$/, "");
    return (
      canonicalDepartmentName(name, profile).known ||
      (name.length <= 20 && ORG_SUFFIX.test(name) && bodyStartOf(profile).test(name))
    );
  });
}

/** Split a list on 、，；, ignoring separators inside brackets (各县（市、区）政府). */
function splitItems(list: string): string[] {
  return splitTopLevel(list, /[、，；,;]/)
    .map((item) => item.trim().replace(/[。.]$/, ""))
    .filter((item) => item.length > 0);
}

function splitTopLevel(text: string, separator: RegExp): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && separator.test(ch)) {
      items.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items;
}

function toAssignments(items: string[], role: UnitRole, profile: IngestProfile): UnitAssignment[] {
  const assignments: UnitAssignment[] = [];
  const expanded = expandSharedSuffixes(items, profile.places);
  for (const { name: written, raw } of expanded) {
    const withoutDuty = written.replace(TRAILING_DUTY, "");
    // "省民政厅等有关部门": the named department plus the generic remainder.
    const etc = /^(.+?)等(有关部门|相关部门|有关单位)?$/.exec(withoutDuty);
    const names = etc ? [etc[1] ?? "", ...(etc[2] ? [etc[2]] : [])] : [withoutDuty];
    for (const name of names.filter((n) => n.length > 0)) {
      const canonical = canonicalDepartmentName(name, profile);
      assignments.push({
        name: canonical.name,
        role,
        generic: isGenericUnit(canonical.name),
        raw,
        known: canonical.known,
      });
    }
  }
  return assignments;
}

/**
 * "济南、烟台市政府" → 济南市政府, 烟台市政府; "广州、深圳、珠海出入境边防检查总站" → three stations.
 * A run of bare place names takes the suffix of the first following item that has one. The place is
 * the first of `places` the item starts with, else its first two characters (most city names).
 */
export function expandSharedSuffixes(items: string[], places: readonly string[] = []): { name: string; raw: string }[] {
  const result: { name: string; raw: string }[] = [];
  let pending: string[] = [];
  for (const item of items) {
    const bare = !ORG_SUFFIX.test(item.replace(TRAILING_DUTY, "")) && item.length <= 4 && !isGenericUnit(item);
    if (bare) {
      pending.push(item);
      continue;
    }
    const core = item.replace(TRAILING_DUTY, "");
    const place = places.find((p) => core.startsWith(p)) ?? core.slice(0, 2);
    const suffix = core.slice(place.length);
    const raw = [...pending, item].join("、");
    for (const bareItem of pending) result.push({ name: suffix ? bareItem + suffix : bareItem, raw });
    result.push({ name: item, raw: pending.length > 0 ? raw : item });
    pending = [];
  }
  for (const bareItem of pending) result.push({ name: bareItem, raw: bareItem });
  return result;
}

interface Parenthetical {
  start: number;
  end: number;
  content: string;
}

/** Top-level full-width parentheticals with balanced nesting. */
function parentheticals(text: string): Parenthetical[] {
  const groups: Parenthetical[] = [];
  let depth = 0;
  let open = -1;
  for (let index = 0; index < text.length; index++) {
    const ch = text[index];
    if (ch === "（") {
      if (depth === 0) open = index;
      depth++;
    } else if (ch === "）" && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ start: open, end: index + 1, content: text.slice(open + 1, index) });
    }
  }
  return groups;
}
