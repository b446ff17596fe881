import { escapeRegExp } from "./repairs";
import type { IngestProfile } from "./profile";

/**
 * Department lookup against the profile's registry (IngestProfile.departments).
 *
 * Canonical names are the short forms the documents use (省大数据局). Aliases cover other spellings of
 * the same body; the province prefix (山东省) and traditional characters need no alias (the prefix is
 * folded to its level word and the text is simplified before lookup). Unknown names are still returned,
 * as written, and reported as warnings: extend the registry when a new document names a new body.
 */
interface Registry {
  byAlias: ReadonlyMap<string, string>;
  /** Province prefix → the level word it folds to (山东省 → 省). */
  folds: readonly (readonly [prefix: string, level: string])[];
}

const registries = new WeakMap<IngestProfile, Registry>();

function registryOf(profile: IngestProfile): Registry {
  let registry = registries.get(profile);
  if (!registry) {
    registry = {
      byAlias: new Map(
        profile.departments.flatMap((entry) =>
          [entry.name, ...(entry.aliases ?? [])].map((alias) => [alias, entry.name] as const),
        ),
      ),
      folds: profile.provincePrefixes.map((prefix) => [prefix, levelWord(prefix)] as const),
    };
    registries.set(profile, registry);
  }
  return registry;
}

/** The administrative level a jurisdiction's name ends with: 山东省 → 省, 内蒙古自治区 → 自治区. */
export function levelWord(prefix: string): string {
  return /(自治区|特别行政区|省|市|州|盟|县|区)$/.exec(prefix)?.[1] ?? "";
}

/**
 * Pseudo-units that name a group rather than one accountable body (有关部门, 各级各部门单位, 省直各部门,
 * 市直相关部门, 各县（市、区）人民政府, 领导小组成员单位, 运营商 …): no one can be held to them, so they are never
 * counted or ranked as departments. Written for both JavaScript and PostgreSQL (plain groups and
 * alternations only): the data migration 20261207200000_generic_placeholder_departments flags existing
 * rows with this very pattern, and tests/unit/generic-units.test.ts keeps the two in agreement.
 * 省直/市直/县直 are groups only when followed by 部门/单位/机关 (省直机关工委 is a body).
 */
export const GENERIC_UNIT_PATTERN =
  "^(各|有关|相关|其他|市县|各级|省政府(各|有关|相关)|省级(各|有关|相关))" +
  "|^(省直|市直|县直|区直)(各|有关|相关)?(部门|单位|机关)(单位)?$" +
  "|(有关|相关|各)(部门|单位|机构)(单位)?$" +
  "|^(县市区|县（市、区）|区县|县区)(人民)?政府$" +
  "|成员单位$" +
  "|^(三大)?(基础电信企业|(电信)?运营商)$";

const GENERIC_UNIT = new RegExp(GENERIC_UNIT_PATTERN);

export function isGenericUnit(name: string): boolean {
  return GENERIC_UNIT.test(name);
}

/** Canonical name and whether the registry knows it. A province prefix is folded to its level word. */
export function canonicalDepartmentName(raw: string, profile: IngestProfile): { name: string; known: boolean } {
  const { byAlias, folds } = registryOf(profile);
  const cleaned = raw.replace(/\s+/g, "").replace(/[()]/g, (ch) => (ch === "(" ? "（" : "）"));
  const direct = byAlias.get(cleaned);
  if (direct) return { name: direct, known: true };
  for (const [prefix, level] of folds) {
    if (!cleaned.startsWith(prefix)) continue;
    const short = byAlias.get(`${level}${cleaned.slice(prefix.length)}`);
    if (short) return { name: short, known: true };
  }
  return { name: cleaned, known: isGenericUnit(cleaned) };
}

/** A pattern matching any of the given literals at the start of a string (never matches when empty). */
export function startsWithAny(literals: readonly string[]): RegExp {
  const sorted = [...literals].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return sorted.length > 0 ? new RegExp(`^(?:${sorted.join("|")})`) : /(?!)/;
}
