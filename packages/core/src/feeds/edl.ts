import { ChunkBuffer } from "./chunk-buffer.ts";
import { type TFeedPage, slicePage } from "./feed-page.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

export const EDL_CONTENT_TYPE = "text/plain; charset=utf-8";

/**
 * External Dynamic List (PAN-OS, FortiGate external connectors, Check Point): one address or CIDR
 * a line, nothing else. PAN-OS would accept "address comment" lines, but FortiGate and Check Point
 * read the whole line as the entry, so the common subset is the bare value. Expired decisions are
 * skipped (the firewall has no expiry of its own; it re-fetches on its own schedule). With `page`,
 * only that page of the live entries.
 */
export async function* renderEdl(
  source: TDecisionSource,
  options: { now: Date; page?: TFeedPage },
): AsyncGenerator<string> {
  const live = liveDecisions(source, options.now);
  const entries = options.page ? slicePage(live, options.page) : live;
  const buf = new ChunkBuffer();
  for await (const d of entries) {
    const chunk = buf.push(`${d.value}\n`);
    if (chunk) yield chunk;
  }
  const rest = buf.take();
  if (rest) yield rest;
}
