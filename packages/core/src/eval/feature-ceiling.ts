import { rocAuc } from "../train/metrics.ts";

/**
 * The highest AUC any ranker of the features could reach on these rows: rows whose feature
 * vectors are identical (`group`) get the same score from every function of the features, so
 * the best a ranker can do is order the groups by their share of malicious rows, tied within
 * each. Rows with a vector of their own count as perfectly separated, so this is an upper bound,
 * not an estimate: it reads the test labels, and says how much of a shortfall is ties in the
 * evidence (new addresses with nothing before the day in their /24, /16 or AS look alike) rather
 * than the model. A key that joins the day keeps two days' rows apart when rows are pooled.
 */
export function featureCeilingAuc(rows: readonly { y: 0 | 1; group: string }[]): number {
  const counts = new Map<string, { pos: number; n: number }>();
  for (const r of rows) {
    const c = counts.get(r.group) ?? { pos: 0, n: 0 };
    c.pos += r.y;
    c.n++;
    counts.set(r.group, c);
  }
  return rocAuc(
    rows.map((r) => {
      const c = counts.get(r.group);
      return { y: r.y, p: c ? c.pos / c.n : 0 };
    }),
  );
}

/** A test row's group for featureCeilingAuc: its day and its feature values, exactly. */
export const featureGroup = (day: string, x: readonly number[]): string => `${day}|${x.join(",")}`;
