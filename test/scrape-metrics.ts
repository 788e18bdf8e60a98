// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types, and each app's tsconfig that compiles a test importing this file must see the declaration
/// <reference path="./types/parse-prometheus-text-format.d.ts" />
// Reads a Prometheus text-format scrape with a parser from npm (not our own), so a test checks what
// Prometheus itself would read.
import parsePrometheusTextFormat from "parse-prometheus-text-format";

export type TScrape = {
  /** The value of the one sample of `name` whose labels include `labels`; undefined when none. */
  value: (name: string, labels?: Record<string, string>) => number | undefined;
  /** A histogram sample's count. */
  count: (name: string, labels?: Record<string, string>) => number | undefined;
  /** Every label set of a family. */
  labelSets: (name: string) => Record<string, string>[];
  types: Map<string, string>;
};

export function parseScrape(text: string): TScrape {
  const families = parsePrometheusTextFormat(text);
  const find = (name: string, labels: Record<string, string> = {}) => {
    const family = families.find((f) => f.name === name);
    const matches = (family?.metrics ?? []).filter((m) =>
      Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
    );
    if (matches.length > 1)
      throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
    return matches[0];
  };
  return {
    value: (name, labels) => {
      const v = find(name, labels)?.value;
      return v === undefined ? undefined : Number(v);
    },
    count: (name, labels) => {
      const c = find(name, labels)?.count;
      return c === undefined ? undefined : Number(c);
    },
    labelSets: (name) => (families.find((f) => f.name === name)?.metrics ?? []).map((m) => m.labels ?? {}),
    types: new Map(families.map((f) => [f.name, f.type])),
  };
}
