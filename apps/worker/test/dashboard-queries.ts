import { readFileSync } from "node:fs";
import { parser } from "@prometheus-io/lezer-promql";
import { parseScrape, type TScrape } from "../../../test/scrape-metrics.ts";

/**
 * The PromQL of infra/grafana/mlsec.json, read with Prometheus' own grammar (its UI's parser), so a
 * test can hold every series the dashboard queries against what the scrapes export.
 */

export type TDashboardQuery = { where: string; expr: string };
/** One series selector of a query: the metric name and the labels its matchers name. */
export type TSelector = { metric: string; labels: string[] };

/** Every `expr` of every panel (rows' nested panels too) and every variable's label_values() query. */
export function dashboardQueries(path = "infra/grafana/mlsec.json"): TDashboardQuery[] {
  const dashboard: unknown = JSON.parse(readFileSync(path, "utf8"));
  const found: TDashboardQuery[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      const label = typeof o.title === "string" ? `${where} "${o.title}"` : where;
      for (const [k, v] of Object.entries(o)) {
        if (k === "expr" && typeof v === "string") found.push({ where: label, expr: v });
        else walk(v, `${label}.${k}`);
      }
    }
  };
  walk((dashboard as { panels?: unknown }).panels, "panels");
  const variables = (dashboard as { templating?: { list?: { name: string; query?: unknown }[] } }).templating;
  for (const v of variables?.list ?? []) {
    const q = typeof v.query === "string" ? v.query : (v.query as { query?: string } | undefined)?.query;
    // Grafana's label_values(selector, label): the selector is PromQL.
    const selector = q ? /^label_values\((.+),\s*\w+\)$/.exec(q.trim())?.[1] : undefined;
    if (selector) found.push({ where: `variable $${v.name}`, expr: selector });
  }
  return found;
}

/**
 * The series selectors of one PromQL expression. Grafana's interval variables ($__rate_interval,
 * $__range, ...) become a duration first; any other `$` outside a string, or anything else the
 * grammar rejects, throws with the position.
 */
export function selectorsOf(expr: string): TSelector[] {
  const promql = expr.replace(/\$__\w+/g, "5m");
  const tree = parser.parse(promql);
  const selectors: TSelector[] = [];
  const text = (from: number, to: number) => promql.slice(from, to);
  tree.iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`not PromQL at ${node.from}: ${promql}`);
      if (node.name !== "VectorSelector") return;
      const metric = node.node.getChild("Identifier");
      const labels: string[] = [];
      node.node
        .getChild("LabelMatchers")
        ?.cursor()
        .iterate((m) => {
          if (m.name === "LabelName") labels.push(text(m.from, m.to));
        });
      // {__name__=...} selectors are not used here; one would slip past the name check, so refuse it.
      if (!metric || labels.includes("__name__"))
        throw new Error(`a selector without a plain metric name: ${expr}`);
      selectors.push({ metric: text(metric.from, metric.to), labels });
    },
  });
  return selectors;
}

/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ["job", "instance"];

/**
 * What of the selectors no scrape exports: a metric no scrape has (a histogram's _bucket, _sum and
 * _count only for a family typed histogram, _sum and _count for a summary, so a histogram's bare
 * name is missing, as it is in Prometheus), a family without a sample, or a matcher on a label none of
 * its samples carry.
 */
export function missingSeries(selectors: TSelector[], scrapes: TScrapeText[]): string[] {
  const family = (name: string): { labelSets: Record<string, string>[]; histogram: boolean } | null => {
    for (const { scrape, text } of scrapes) {
      const type = scrape.types.get(name);
      if (type && type !== "HISTOGRAM" && type !== "SUMMARY")
        return { labelSets: scrape.labelSets(name), histogram: false };
      const base = /^(.+)_(bucket|sum|count)$/.exec(name);
      const baseName = base?.[1] ?? "";
      const baseType = scrape.types.get(baseName);
      if (base && (baseType === "HISTOGRAM" || (baseType === "SUMMARY" && base[2] !== "bucket")))
        return { labelSets: countLabelSets(text, baseName), histogram: base[2] === "bucket" };
    }
    return null;
  };
  const missing: string[] = [];
  for (const s of selectors) {
    const f = family(s.metric);
    // A family with a TYPE line but no sample (a labelled counter never incremented) has no series.
    if (!f || f.labelSets.length === 0) {
      missing.push(s.metric);
      continue;
    }
    const exported = new Set(f.labelSets.flatMap((l) => Object.keys(l)));
    for (const label of s.labels)
      if (!exported.has(label) && !TARGET_LABELS.includes(label) && !(f.histogram && label === "le"))
        missing.push(`${s.metric}{${label}}`);
  }
  return [...new Set(missing)];
}

/** A scrape as parsed, and its text. */
export type TScrapeText = { scrape: TScrape; text: string };

/**
 * The label sets of a histogram's or summary's `_count` series. The npm parser folds a labelled
 * histogram into one sample without labels, so its `_count` lines are read by the same parser
 * on their own, as an untyped family.
 */
function countLabelSets(text: string, name: string): Record<string, string>[] {
  const lines = text
    .split("\n")
    .filter((l) => l.startsWith(`${name}_count{`) || l.startsWith(`${name}_count `));
  return lines.length > 0 ? parseScrape(`${lines.join("\n")}\n`).labelSets(`${name}_count`) : [];
}
