import type { TFeedDecision } from "./feed-decision.ts";

/** What the db layer hands a renderer: a cursor (async) or, in tests and the CLI, an array. */
export type TDecisionSource = AsyncIterable<TFeedDecision> | Iterable<TFeedDecision>;

/**
 * Whole seconds a decision stays valid after `now`, at least 1 (consumers treat 0 as "no timeout",
 * i.e. forever), or null when it has already expired or its validUntil is unreadable: a listing
 * we cannot bound in time is not served.
 */
export function remainingSeconds(decision: TFeedDecision, now: Date): number | null {
  const until = Date.parse(decision.validUntil);
  if (!Number.isFinite(until)) return null;
  const ms = until - now.getTime();
  if (ms <= 0) return null;
  return Math.max(1, Math.floor(ms / 1000));
}

/** The decisions still valid at `now`, in their arriving order. */
export async function* liveDecisions(source: TDecisionSource, now: Date): AsyncGenerator<TFeedDecision> {
  for await (const d of source) if (remainingSeconds(d, now) !== null) yield d;
}
