import { seededRandom, type TLabelledRow } from "../../src/train/index.ts";

/** Two overlapping Gaussian blobs in d dimensions: a learnable but not trivial problem for tests. */
export function syntheticRows(n: number, d: number, seed: number, separation = 1.5): TLabelledRow[] {
  const rand = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: n }, () => {
    const y: 0 | 1 = rand() < 0.4 ? 1 : 0;
    // Columns on different scales (counts vs ratios) so scaling matters.
    const x = Array.from(
      { length: d },
      (_, j) => (gauss() + (y === 1 ? separation : 0)) * (j === 0 ? 1000 : 1),
    );
    return { x, y };
  });
}
