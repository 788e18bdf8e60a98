import { seededRandom } from "../train/seeded-random.ts";

/** The generator's dice: one seeded stream, so a world is a pure function of (profile, seed). */
export class WorldRandom {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  float(): number {
    return this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T | undefined {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Poisson count (Knuth below 30, a rounded normal above: means here are small or only need shape). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  normal(): number {
    const u = Math.max(1e-12, this.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Heavy-tailed counts (events per source and day are: most sources send a few, some thousands). */
  logNormalInt(median: number, sigma: number, max: number): number {
    return Math.min(max, Math.max(1, Math.round(median * Math.exp(sigma * this.normal()))));
  }

  /** Index into `weights` with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Cumulative weights searched by bisection: draws from large tables (AS ranges, IPsum) in log time. */
export class WeightedTable {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      total += weights[i] ?? 0;
      this.cumulative[i] = total;
    }
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0;
  }

  /** Index whose cumulative interval holds `offset` (0 <= offset < total). */
  indexOf(offset: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  draw(rand: WorldRandom): number {
    return this.indexOf(rand.float() * this.total);
  }
}
