import { seededRandom, shuffleInPlace } from "./seeded-random.ts";

/**
 * Assigns each row a fold in [0, k): classes are shuffled separately (seeded) and dealt round-robin,
 * so every fold keeps the class ratio, as libsvm's own stratified cross-validation does. The same
 * deal as groupedFolds with every row a group of its own.
 */
export function stratifiedFolds(labels: readonly (0 | 1)[], k: number, seed: number): Int32Array {
  return groupedFolds(labels, [], k, seed);
}

/**
 * Folds that keep every row of one group (an address: its rows of several label days) in the same
 * fold, stratified by each group's majority class and seeded. Random row folds put an address's
 * Monday in training and its Tuesday in the test fold, with nearly the same features: the CV then
 * rewards memorising addresses, where the model is for the ones it has not seen.
 */
export function groupedFolds(
  labels: readonly (0 | 1)[],
  /** A group key per row; a row without one is a group of its own. */
  groups: readonly string[],
  k: number,
  seed: number,
): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer >= 2, got ${k}`);
  const members = new Map<string, number[]>();
  labels.forEach((_, i) => {
    const g = groups[i] ?? `row:${i}`;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const rand = seededRandom(seed);
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const cls of [1, 0] as const) {
    const ofClass = [...members.values()].filter((rows) => {
      const bad = rows.reduce((n, i) => n + (labels[i] === 1 ? 1 : 0), 0);
      return (bad * 2 >= rows.length ? 1 : 0) === cls;
    });
    shuffleInPlace(ofClass, rand);
    // Continue the round-robin across classes so fold sizes (in groups) differ by at most one overall.
    for (const rows of ofClass) {
      const f = next++ % k;
      for (const i of rows) fold[i] = f;
    }
  }
  return fold;
}

/**
 * The fold of every row for k-fold cross-validation over 0/1 labels (stratified, seeded); with
 * `groups`, a group's rows share a fold (groupedFolds).
 */
export function foldPlan(
  y: ArrayLike<number>,
  k: number,
  seed: number,
  groups?: readonly string[],
): { fold: Int32Array; k: number } {
  const labels = Array.from(y, (v): 0 | 1 => (v === 1 ? 1 : 0));
  return { fold: groups ? groupedFolds(labels, groups, k, seed) : stratifiedFolds(labels, k, seed), k };
}
