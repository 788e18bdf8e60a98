import { type TFeedBlock, FAMILY_BITS, blockEnd, formatBlock, parseFeedBlock } from "./feed-block.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { type TDecisionSource, remainingSeconds } from "./feed-source.ts";

type TPending = { block: TFeedBlock; end: bigint; decision: TFeedDecision };

/**
 * Folds decisions arriving in `decisionSortKey` order into the fewest CIDRs that cover exactly the
 * same addresses: sibling blocks merge (two /32 into a /31, two /31 into a /30, ...) as long as the
 * union stays exact, and a block inside an earlier one is absorbed. A merged decision takes the
 * highest score and that member's cluster, bucket, asn, asOf and reportId, and the EARLIEST
 * validUntil of its members, so a range never outlives one of its addresses (an absorbed block only
 * raises the score: its addresses were already covered until the container's validUntil).
 *
 * Memory is a stack of pending blocks that still wait for their right sibling; their sizes strictly
 * shrink towards the top, so it never holds more than 33 (IPv4) or 129 (IPv6) blocks. Pass `now`
 * to drop expired decisions first: merged with a live neighbour they would cut its validity short.
 * Values that do not parse are dropped; unsorted input stays correct (covers the same addresses) but
 * merges less.
 */
export async function* aggregateCidrs(
  source: TDecisionSource,
  options: { now?: Date } = {},
): AsyncGenerator<TFeedDecision> {
  const stack: TPending[] = [];
  for await (const d of source) {
    if (options.now && remainingSeconds(d, options.now) === null) continue;
    const block = parseFeedBlock(d.value);
    if (!block) continue;
    const incoming: TPending = { block, end: blockEnd(block), decision: d };
    const top = stack.at(-1);
    if (
      top &&
      top.block.family === block.family &&
      block.start >= top.block.start &&
      incoming.end <= top.end
    ) {
      top.decision = absorb(top.decision, d);
      continue;
    }
    // Only a block starting right after the top can still grow the run; anything else, and a top
    // that is itself a right sibling (it can never merge again), finishes everything pending.
    if (
      top &&
      (top.block.family !== block.family || block.start !== top.end + 1n || !isLeftSibling(top.block))
    ) {
      for (const p of stack) yield emit(p);
      stack.length = 0;
    }
    stack.push(incoming);
    for (;;) {
      const right = stack.at(-1);
      const left = stack.at(-2);
      if (!right || !left || !siblings(left.block, right.block)) break;
      stack.splice(-2, 2, merge(left, right));
    }
  }
  for (const p of stack) yield emit(p);
}

/** A block whose start is aligned to twice its size: the left half of its parent. */
function isLeftSibling(b: TFeedBlock): boolean {
  if (b.bits === 0) return false;
  const size = 1n << BigInt(FAMILY_BITS[b.family] - b.bits);
  return b.start % (size * 2n) === 0n;
}

function siblings(left: TFeedBlock, right: TFeedBlock): boolean {
  if (left.family !== right.family || left.bits !== right.bits || !isLeftSibling(left)) return false;
  return right.start === left.start + (1n << BigInt(FAMILY_BITS[left.family] - left.bits));
}

function merge(left: TPending, right: TPending): TPending {
  const block: TFeedBlock = { family: left.block.family, start: left.block.start, bits: left.block.bits - 1 };
  const best = right.decision.score > left.decision.score ? right.decision : left.decision;
  const earliest =
    Date.parse(right.decision.validUntil) < Date.parse(left.decision.validUntil)
      ? right.decision.validUntil
      : left.decision.validUntil;
  return { block, end: right.end, decision: { ...best, validUntil: earliest } };
}

function absorb(container: TFeedDecision, inner: TFeedDecision): TFeedDecision {
  if (inner.score <= container.score) return container;
  return { ...inner, value: container.value, scope: container.scope, validUntil: container.validUntil };
}

function emit(p: TPending): TFeedDecision {
  const single = p.block.bits === FAMILY_BITS[p.block.family];
  return {
    ...p.decision,
    value: formatBlock(p.block),
    scope: single ? "Ip" : "Range",
    family: p.block.family,
  };
}
