import { blockEnd, formatBlock, parseFeedBlock } from "./feed-block.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import type { TDecisionSource } from "./feed-source.ts";

/**
 * Drops decisions whose block lies inside an earlier one (and unparseable values), for consumers
 * that reject overlapping elements: an nft interval set fails the whole transaction with
 * "conflicting intervals specified". In `decisionSortKey` order a container always arrives before
 * what it contains, so remembering the furthest end per family is enough. Values come out
 * canonical ("192.0.2.9/24" as "192.0.2.0/24", family from the address itself). Filter expired
 * decisions BEFORE this: an expired container would otherwise hide live addresses inside it.
 */
export async function* withoutOverlaps(source: TDecisionSource): AsyncGenerator<TFeedDecision> {
  const coveredTo: { 4: bigint; 6: bigint } = { 4: -1n, 6: -1n };
  for await (const d of source) {
    const block = parseFeedBlock(d.value);
    if (!block) continue;
    const end = blockEnd(block);
    if (block.start <= coveredTo[block.family]) {
      if (end > coveredTo[block.family]) coveredTo[block.family] = end;
      continue;
    }
    coveredTo[block.family] = end;
    yield { ...d, value: formatBlock(block), family: block.family };
  }
}
