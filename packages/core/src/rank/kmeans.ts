// The one mulberry32 of core, re-exported where suggestions have always taken it from.
import { seededRandom } from "../train/seeded-random.ts";

export { seededRandom };

export type TKMeansResult = { centroids: Float64Array[]; assignment: Int32Array };

/**
 * Lloyd's k-means with k-means++ seeding over row vectors of equal dimension. Small on purpose:
 * it runs on a sample of a tenant's daily profiles, not on millions of rows.
 */
export function kMeans(
  points: Float64Array[],
  k: number,
  opts: { seed: number; maxIterations?: number },
): TKMeansResult {
  const rand = seededRandom(opts.seed);
  const n = points.length;
  const dim = points[0]?.length ?? 0;
  const kk = Math.min(k, n);
  const centroids: Float64Array[] = [];
  const assignment = new Int32Array(n).fill(-1);
  if (kk === 0) return { centroids, assignment };
  centroids.push(Float64Array.from(points[Math.floor(rand() * n)] ?? []));
  const nearest = new Float64Array(n).fill(Infinity);
  while (centroids.length < kk) {
    const last = centroids[centroids.length - 1] ?? new Float64Array(dim);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = distance2(points[i], last);
      if (d < (nearest[i] ?? Infinity)) nearest[i] = d;
      total += nearest[i] ?? 0;
    }
    if (total === 0) break; // fewer distinct points than k
    let target = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i] ?? 0;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centroids.push(Float64Array.from(points[pick] ?? []));
  }
  const maxIterations = opts.maxIterations ?? 50;
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < centroids.length; c++) {
        const d = distance2(points[i], centroids[c]);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = centroids.map(() => new Float64Array(dim));
    const counts = new Int32Array(centroids.length);
    for (let i = 0; i < n; i++) {
      const c = assignment[i] ?? 0;
      const p = points[i];
      const s = sums[c];
      if (!p || !s) continue;
      counts[c] = (counts[c] ?? 0) + 1;
      for (let j = 0; j < dim; j++) s[j] = (s[j] ?? 0) + (p[j] ?? 0);
    }
    for (let c = 0; c < centroids.length; c++) {
      const count = counts[c] ?? 0;
      const s = sums[c];
      if (count === 0 || !s) continue; // an empty cluster keeps its centroid
      for (let j = 0; j < dim; j++) s[j] = (s[j] ?? 0) / count;
      centroids[c] = s;
    }
  }
  return { centroids, assignment };
}

function distance2(a: Float64Array | undefined, b: Float64Array | undefined): number {
  if (!a || !b) return Infinity;
  let d = 0;
  for (let j = 0; j < a.length; j++) {
    const x = (a[j] ?? 0) - (b[j] ?? 0);
    d += x * x;
  }
  return d;
}
