import { seededRandom, shuffleInPlace } from "./seeded-random.ts";

/**
 * Assigns each row a fold in [0, k): classes are shuffled separately (seeded) and dealt round-robin,
 * so every fold keeps the class ratio, as libsvm's own stratified cross-validation does.
 */
export function stratifiedFolds(labels: readonly (0 | 1)[], k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer >= 2, got ${k}`);
  const rand = seededRandom(seed);
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const cls of [1, 0] as const) {
    const idx: number[] = [];
    labels.forEach((y, i) => {
      if (y === cls) idx.push(i);
    });
    shuffleInPlace(idx, rand);
    // Continue the round-robin across classes so fold sizes differ by at most one overall.
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}

/** The fold of every row for k-fold cross-validation over 0/1 labels (stratified, seeded). */
export function foldPlan(y: ArrayLike<number>, k: number, seed: number): { fold: Int32Array; k: number } {
  return {
    fold: stratifiedFolds(
      Array.from(y, (v) => (v === 1 ? 1 : 0)),
      k,
      seed,
    ),
    k,
  };
}
