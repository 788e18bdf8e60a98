/**
 * Feed quality in the style of MLSec's tiq-test: for each source, what it adds and drops each day
 * (novelty / churn), how long entries stay listed (aging), how much of it no other source has
 * (uniqueness), and how much of each source another contains (overlap). Entries are compared as
 * text (canonical IPs or CIDRs), so parse and canonicalise before calling.
 */
export type TFeedSnapshots = { name: string; days: Map<string, ReadonlySet<string>> };

export type TFeedDay = { day: string; size: number; added: number; churned: number };

export type TFeedQuality = {
  name: string;
  days: number;
  /** Entries in the latest snapshot, and in any snapshot. */
  size: number;
  distinct: number;
  /** Mean added / churned per day after the first snapshot (null with one snapshot). */
  meanAdded: number | null;
  meanChurned: number | null;
  /** Snapshots each distinct entry appeared in: mean, median and a histogram (1, 2-3, 4-7, 8-14, 15+). */
  aging: { mean: number; median: number; histogram: { label: string; count: number }[] };
  /** Share of the distinct entries no other source ever listed. */
  uniqueness: number;
  series: TFeedDay[];
};

export type TFeedStats = {
  sources: TFeedQuality[];
  /** overlap[i][j] = share of source i's distinct entries that source j also listed. */
  overlap: number[][];
};

const AGE_BUCKETS: { label: string; max: number }[] = [
  { label: "1", max: 1 },
  { label: "2-3", max: 3 },
  { label: "4-7", max: 7 },
  { label: "8-14", max: 14 },
  { label: "15+", max: Infinity },
];

export function feedStats(sources: readonly TFeedSnapshots[]): TFeedStats {
  const unions = sources.map((s) => {
    const u = new Map<string, number>();
    for (const set of s.days.values()) for (const e of set) u.set(e, (u.get(e) ?? 0) + 1);
    return u;
  });
  const out = sources.map((s, i): TFeedQuality => {
    const union = unions[i] ?? new Map<string, number>();
    const days = [...s.days.keys()].sort();
    const series: TFeedDay[] = [];
    let prev: ReadonlySet<string> | null = null;
    for (const day of days) {
      const cur = s.days.get(day) ?? new Set<string>();
      let added = 0;
      let churned = 0;
      if (prev) {
        for (const e of cur) if (!prev.has(e)) added++;
        for (const e of prev) if (!cur.has(e)) churned++;
      } else added = cur.size;
      series.push({ day, size: cur.size, added, churned });
      prev = cur;
    }
    const later = series.slice(1);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    const ages = [...union.values()].sort((a, b) => a - b);
    let unique = 0;
    for (const e of union.keys()) if (!unions.some((u, j) => j !== i && u.has(e))) unique++;
    return {
      name: s.name,
      days: days.length,
      size: series.at(-1)?.size ?? 0,
      distinct: union.size,
      meanAdded: mean(later.map((d) => d.added)),
      meanChurned: mean(later.map((d) => d.churned)),
      aging: {
        mean: mean(ages) ?? 0,
        median: ages.length ? (ages[Math.floor((ages.length - 1) / 2)] ?? 0) : 0,
        histogram: AGE_BUCKETS.map((b, k) => ({
          label: b.label,
          count: ages.filter((a) => a <= b.max && a > (AGE_BUCKETS[k - 1]?.max ?? 0)).length,
        })),
      },
      uniqueness: union.size ? unique / union.size : 0,
      series,
    };
  });
  const overlap = unions.map((a) =>
    unions.map((b) => {
      if (a.size === 0) return 0;
      let n = 0;
      for (const e of a.keys()) if (b.has(e)) n++;
      return n / a.size;
    }),
  );
  return { sources: out, overlap };
}
