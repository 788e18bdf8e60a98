import { ChunkBuffer, CHUNK_CHARS } from "./chunk-buffer.ts";
import {
  toCrowdsecDecision,
  toCrowdsecDeletion,
  type TCrowdsecDecision,
  type TCrowdsecDeletion,
} from "./crowdsec-decision.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { rangeAddresses } from "./crowdsec-range.ts";

export type TDecisionStreamInput = {
  /** What the bouncer should add: everything on `startup=true`, else what changed since its last pull. */
  new: AsyncIterable<TFeedDecision> | Iterable<TFeedDecision>;
  /** What it should drop: sent before and no longer listed (FeedSentEntry rows, or whole decisions). */
  deleted: AsyncIterable<TCrowdsecDeletion> | Iterable<TCrowdsecDeletion>;
};

export type TDecisionStreamOptions = {
  /**
   * "expand" (default): a Range decision of at most MAX_RANGE_EXPANSION addresses is served as one
   * Ip decision per address, the only form Debian's bouncer 0.0.25 enforces in nftables mode;
   * "keep": as one Range decision, for consumers that hold CIDRs.
   */
  ranges?: "expand" | "keep";
  chunkChars?: number;
};

/**
 * The body of `GET /v1/decisions/stream`: `{"new":[...],"deleted":[...]}`, in ~64 KiB string
 * chunks, pulled one at a time so a million decisions never sit in memory as one body. Empty lists
 * are `[]` (LAPI's chunked stream sends that, its older one `null`; the bouncer takes both).
 * Expired decisions are left out of `new` (see toCrowdsecDecision: 0s would mean forever). Ids are
 * numbered from 1 within the answer: LAPI's are row ids, and the bouncer keys on value, not id.
 */
export async function* renderDecisionStream(
  input: TDecisionStreamInput,
  now: Date,
  options: TDecisionStreamOptions = {},
): AsyncGenerator<string> {
  const expand = (options.ranges ?? "expand") === "expand";
  const buffer = new ChunkBuffer(options.chunkChars ?? CHUNK_CHARS);
  let id = 0;
  let first = true;
  const push = (decision: TCrowdsecDecision): string | null => {
    const text = (first ? "" : ",") + JSON.stringify(decision);
    first = false;
    return buffer.push(text);
  };

  buffer.push('{"new":[');
  for await (const d of input.new) {
    for (const one of perAddress(d, expand)) {
      const decision = toCrowdsecDecision(one, now, ++id);
      if (!decision) continue;
      const chunk = push(decision);
      if (chunk !== null) yield chunk;
    }
  }
  buffer.push('],"deleted":[');
  first = true;
  for await (const d of input.deleted) {
    for (const one of perAddress(d, expand)) {
      const chunk = push(toCrowdsecDeletion(one, now, ++id));
      if (chunk !== null) yield chunk;
    }
  }
  buffer.push("]}");
  yield buffer.take();
}

/**
 * The body of `GET /v1/decisions?ip=...|range=...` (LAPI's live mode): a JSON array of the matching
 * decisions, or `null` when none match, which is what LAPI answers (its Go handler encodes a nil
 * slice). Matching is the caller's query; this only renders, skipping expired ones.
 */
export async function* renderDecisionList(
  matches: AsyncIterable<TFeedDecision> | Iterable<TFeedDecision>,
  now: Date,
  options: TDecisionStreamOptions = {},
): AsyncGenerator<string> {
  const expand = (options.ranges ?? "expand") === "expand";
  const buffer = new ChunkBuffer(options.chunkChars ?? CHUNK_CHARS);
  let id = 0;
  let emitted = 0;
  for await (const d of matches) {
    for (const one of perAddress(d, expand)) {
      const decision = toCrowdsecDecision(one, now, ++id);
      if (!decision) continue;
      const chunk = buffer.push((emitted++ === 0 ? "[" : ",") + JSON.stringify(decision));
      if (chunk !== null) yield chunk;
    }
  }
  yield emitted === 0 ? "null" : buffer.take() + "]";
}

/** A Range as its addresses when expanding and small enough; anything else as itself. */
function* perAddress<T extends { value: string; scope: "Ip" | "Range" }>(
  d: T,
  expand: boolean,
): Generator<T> {
  const addrs = expand && d.scope === "Range" ? rangeAddresses(d.value) : null;
  if (!addrs) {
    yield d;
    return;
  }
  for (const value of addrs) yield { ...d, value, scope: "Ip" };
}
