/**
 * The no-learning score reported beside every model: decayed presence of the IP itself, its /24 and
 * its /16, summed over behaviour clusters. On real honeypot data it alone reached AUC 0.90-0.92, so a learned model that does
 * not beat it is not worth shipping. Columns are found by feature name; IPv6 rows use /64 and /48.
 */
export function baselineScore(features: readonly number[], featureNames: readonly string[]): number {
  let s = 0;
  for (const i of baselineColumns(featureNames)) s += features[i] ?? 0;
  return s;
}

const BASELINE_PATTERNS = [
  /^ip(?:[_-]|$)/i,
  /(?:^|[^0-9])24(?:$|[^0-9])/,
  /(?:^|[^0-9])16(?:$|[^0-9])/,
  /(?:^|[^0-9])64(?:$|[^0-9])/,
  /(?:^|[^0-9])48(?:$|[^0-9])/,
];

/** Indices of the IP, /24, /16 (and IPv6 /64, /48) rank columns; rate or count columns are left out. */
export function baselineColumns(featureNames: readonly string[]): number[] {
  // The ranking engine's names: `ip:<cluster>`, `net1:<cluster>` (/24 or /64), `net2:<cluster>` (/16 or /48).
  const rankColumns = featureNames.flatMap((name, i) => (/^(?:ip|net1|net2):/.test(name) ? [i] : []));
  if (rankColumns.length > 0) return rankColumns;
  const out: number[] = [];
  featureNames.forEach((name, i) => {
    if (/count|days|ports|events|asn?(?:[_-]|$)/i.test(name)) return;
    if (BASELINE_PATTERNS.some((re) => re.test(name))) out.push(i);
  });
  return out;
}
