/**
 * Why an IP scored as it did, in words: its features ranked by how high each sits within the range
 * the model saw in training (the stored min-max scaler), strongest first. Zero features say nothing
 * and are left out, so an IP with no history reads "no bad behaviour seen in its neighbourhoods".
 */
export function explainScore(opts: {
  features: number[];
  featureNames: readonly string[];
  scaler: { min: number[]; max: number[] };
  top?: number;
}): string[] {
  const ranked = opts.features
    .map((value, i) => {
      const min = opts.scaler.min[i] ?? 0;
      const max = opts.scaler.max[i] ?? 0;
      const position = max > min ? (value - min) / (max - min) : 0;
      return { name: opts.featureNames[i] ?? `f${i}`, value, position };
    })
    .filter((f) => f.value > 0 && f.position > 0)
    .sort((a, b) => b.position - a.position)
    .slice(0, opts.top ?? 4);
  if (ranked.length === 0) return ["no bad behaviour seen from it or its neighbourhoods before the as-of date"];
  return ranked.map((f) => `${describeFeature(f.name)} = ${formatNumber(f.value)} (${Math.round(f.position * 100)}th percentile of training range)`);
}

// Feature names are terse in the matrix; people read these.
function describeFeature(name: string): string {
  const words: [RegExp, string][] = [
    [/^ip[._]/, "own decayed rank "],
    [/^v4_24|\/24|net24/, "its /24's rank "],
    [/^v4_16|\/16|net16/, "its /16's rank "],
    [/^v6_64|\/64/, "its /64's rank "],
    [/^v6_48|\/48/, "its /48's rank "],
    [/^as[._]/, "its AS's rank "],
  ];
  for (const [re, prefix] of words) if (re.test(name)) return `${prefix}(${name})`;
  return name;
}

const formatNumber = (v: number): string => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2));
