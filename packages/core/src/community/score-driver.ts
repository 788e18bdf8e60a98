import { COMMUNITY_FEATURE_NAMES } from "../rank/features.ts";

export type TScoreDriver = "own" | "community" | "both" | "none";

/** Effects smaller than this (in probability) say nothing about what drove a score. */
const MIN_EFFECT = 0.02;

/**
 * Which side drove a score, by ablation: the drop in score when the tenant's own columns are zeroed
 * (as for an IP it never saw) against the drop when the community columns are (as with an empty
 * pool). A side whose drop is at least twice the other's drove it; comparable drops are "both".
 * Model-agnostic, so it holds for the SVM and for the baseline alike.
 */
export function scoreDriver(
  predict: (x: number[]) => number,
  x: readonly number[],
  names: readonly string[],
): { driver: TScoreDriver; ownEffect: number; communityEffect: number } {
  const community = new Set(COMMUNITY_FEATURE_NAMES);
  const isCommunity = names.map((n) => community.has(n));
  // is-ipv6 is a fact about the address, not a sighting: never zeroed.
  const isOwn = names.map((n, i) => !isCommunity[i] && n !== "is-ipv6");
  if (!isCommunity.some(Boolean)) return { driver: "own", ownEffect: 0, communityEffect: 0 };
  const p = predict([...x]);
  const ownEffect = p - predict(x.map((v, i) => (isOwn[i] ? 0 : v)));
  const communityEffect = p - predict(x.map((v, i) => (isCommunity[i] ? 0 : v)));
  const o = Math.max(0, ownEffect);
  const c = Math.max(0, communityEffect);
  let driver: TScoreDriver;
  if (Math.max(o, c) < MIN_EFFECT) driver = "none";
  else if (o >= 2 * c) driver = "own";
  else if (c >= 2 * o) driver = "community";
  else driver = "both";
  return { driver, ownEffect, communityEffect };
}
