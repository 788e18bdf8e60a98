/**
 * What a neighbourhood's bad sources add up to besides their rank sums, per slot of its
 * KeyedSums (same slot numbers): how many distinct sources were bad in the window, their
 * decayed ranks summed over every cluster (not divided by the range's size), and the first and
 * last day any of them was bad. A density cannot tell "one bad neighbour" from "none" once it is
 * divided by 65,536 (a /16); these can, which is what scores a new address in a bad neighbourhood.
 */
export class SlotStats {
  static readonly WIDTH = 4;
  /** [sources, rankTotal, lastBadDay, firstBadDay] per slot; days are day numbers, -1 for none. */
  data = new Float64Array(1024 * SlotStats.WIDTH);

  /** Counts one bad source (its summed rank and bad days) into a slot. */
  add(slot: number, rankTotal: number, firstDay: number, lastDay: number): void {
    const W = SlotStats.WIDTH;
    if ((slot + 1) * W > this.data.length) {
      const next = new Float64Array(Math.max(this.data.length * 2, (slot + 1) * W));
      next.set(this.data);
      this.data = next;
    }
    const o = slot * W;
    const d = this.data;
    const had = (d[o] ?? 0) > 0;
    d[o] = (d[o] ?? 0) + 1;
    d[o + 1] = (d[o + 1] ?? 0) + rankTotal;
    d[o + 2] = had ? Math.max(d[o + 2] ?? -1, lastDay) : lastDay;
    d[o + 3] = had ? Math.min(d[o + 3] ?? -1, firstDay) : firstDay;
  }

  /** The slot's figures; zeros and -1 days for a slot with no bad source (or none at all). */
  read(slot: number): { sources: number; rankTotal: number; lastDay: number; firstDay: number } {
    const o = slot * SlotStats.WIDTH;
    const sources = slot >= 0 ? (this.data[o] ?? 0) : 0;
    if (sources === 0) return { sources: 0, rankTotal: 0, lastDay: -1, firstDay: -1 };
    return {
      sources,
      rankTotal: this.data[o + 1] ?? 0,
      lastDay: this.data[o + 2] ?? -1,
      firstDay: this.data[o + 3] ?? -1,
    };
  }
}
