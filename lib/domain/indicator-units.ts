/**
 * An indicator's two units. Values are stored normalised into the base unit (`normalizedValue`: 万/亿
 * expanded, so 1.4万 and 14000 compare) and shown and entered in the indicator's display unit (`unit`,
 * e.g. 万个); `unitScale` is how many base units one display unit holds (万个 → 10000):
 *   base value = display value × unitScale,  display value = base value ÷ unitScale.
 * Every conversion between the two goes through this module. (The writes multiply in exact decimals,
 * Prisma's Decimal.times, with the same rule.)
 */

/** Anything the database hands over as a scale: a number, a Decimal, its string. */
export type ScaleLike = number | string | { toString(): string } | null | undefined;

/**
 * The scale to compute with: a positive finite number, else 1 (a missing or broken scale shows the stored
 * value as it is rather than dividing by zero).
 */
export function unitScaleOf(scale: ScaleLike): number {
  const value = typeof scale === "number" ? scale : Number(scale?.toString());
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** A value in the base unit, shown in the display unit. */
export const toDisplayUnit = (baseValue: number, scale: ScaleLike): number => baseValue / unitScaleOf(scale);

/** A value in the display unit, in the base unit. */
export const toBaseUnit = (displayValue: number, scale: ScaleLike): number => displayValue * unitScaleOf(scale);

const MAGNITUDE_PREFIXES: [prefix: string, magnitude: number][] = [
  ["万亿", 1e12],
  ["亿", 1e8],
  ["万", 1e4],
];

/** The magnitude a unit label carries in front of its base unit: 万个 → 1e4, 亿元 → 1e8, 个 → 1. */
export function unitMagnitude(unit: string): number {
  const trimmed = unit.trim();
  for (const [prefix, magnitude] of MAGNITUDE_PREFIXES) {
    if (trimmed.startsWith(prefix) && trimmed.length > prefix.length) return magnitude;
  }
  return 1;
}

/** Units that are never rescaled for print: shares and places in a ranking. */
const UNSCALED_UNITS = new Set(["%", "‰", "名", "位"]);

/**
 * The unit an indicator's figures are printed in, and the divisor that gets them there: the display unit
 * as it is when it already carries a magnitude (万个) or is a share or a rank; otherwise the largest of
 * 亿/万 that leaves the largest figure at 1 or more (30,013,172,629 元 → 亿元, ÷ 1e8; 160,000 个 → 万个).
 * One magnitude per indicator, so its figures compare at a glance. `values` are in the display unit.
 */
export function printMagnitude(unit: string, values: readonly number[]): { unit: string; divisor: number } {
  const trimmed = unit.trim();
  if (!trimmed || UNSCALED_UNITS.has(trimmed) || unitMagnitude(trimmed) !== 1) return { unit, divisor: 1 };
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  for (const [prefix, magnitude] of MAGNITUDE_PREFIXES.slice(1)) {
    if (largest >= magnitude) return { unit: `${prefix}${trimmed}`, divisor: magnitude };
  }
  return { unit, divisor: 1 };
}

/** Decimals a printed figure keeps: two once rescaled (300.13亿元), else as recorded up to four. */
export const printedDecimals = (divisor: number): number => (divisor > 1 ? 2 : 4);
