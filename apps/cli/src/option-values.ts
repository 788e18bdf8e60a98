import { DEFAULT_HALF_LIFE_DAYS } from "@mlsec/core/rank";
import { UsageError } from "./args.ts";

/**
 * Checked values of string options, one place for the CLI's rules and messages: every numeric
 * option names itself and its allowed range when it is wrong, instead of each command carrying its
 * own copy of the check.
 */
export function numberOption(
  strings: Record<string, string>,
  name: string,
  rule: {
    fallback: number;
    /** Inclusive lower bound; `above` makes it exclusive. */
    min?: number;
    above?: number;
    max?: number;
    integer?: boolean;
  },
): number {
  const text = strings[name];
  if (text === undefined) return rule.fallback;
  const n = Number(text);
  const { min = -Infinity, above = -Infinity, max = Infinity, integer = false } = rule;
  const ok = text.trim() !== "" && Number.isFinite(n) && n >= min && n > above && n <= max;
  if (!ok || (integer && !Number.isInteger(n))) {
    const low = above > -Infinity ? `> ${above}` : min > -Infinity ? `>= ${min}` : "";
    const high = max < Infinity ? `<= ${max}` : "";
    const range = [low, high].filter(Boolean).join(" and ");
    throw new UsageError(
      `--${name} must be ${integer ? "a whole number" : "a number"} ${range}, got '${text}'`,
    );
  }
  return n;
}

/** An optional numeric option with no default (undefined when absent). */
export function optionalNumberOption(
  strings: Record<string, string>,
  name: string,
  rule: Omit<Parameters<typeof numberOption>[2], "fallback">,
): number | undefined {
  return strings[name] === undefined ? undefined : numberOption(strings, name, { ...rule, fallback: 0 });
}

/** The decay half-life in days: 1..60, as the tenant setting allows. */
export const halfLifeOption = (strings: Record<string, string>): number =>
  numberOption(strings, "half-life", { fallback: DEFAULT_HALF_LIFE_DAYS, min: 1, max: 60 });

/** A YYYY-MM-DD option (e.g. --as-of), undefined when absent unless `required`. */
export function dayOption(strings: Record<string, string>, name: string): string | undefined {
  const text = strings[name];
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new UsageError(`--${name} takes YYYY-MM-DD, got '${text}'`);
  return text;
}

export function requiredDayOption(strings: Record<string, string>, name: string): string {
  const day = dayOption(strings, name);
  if (day === undefined) throw new UsageError(`--${name} YYYY-MM-DD is required`);
  return day;
}
