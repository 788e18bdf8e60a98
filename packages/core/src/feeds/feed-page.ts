import type { TFeedDecision } from "./feed-decision.ts";
import type { TDecisionSource } from "./feed-source.ts";

/** One page of a feed: 1-based page number, entries per page. */
export type TFeedPage = { page: number; pageSize: number };

/**
 * Only the entries of `page` (1-based) of the stream: skips (page-1)*pageSize, yields up to
 * pageSize, then stops reading, which closes the db cursor behind the source. For firewalls that
 * cap how many entries one list may hold (PAN-OS limits EDL sizes per model): they are configured
 * with one URL per page.
 */
export async function* slicePage(
  source: TDecisionSource,
  { page, pageSize }: TFeedPage,
): AsyncGenerator<TFeedDecision> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be an integer >= 1, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`pageSize must be an integer >= 1, got ${pageSize}`);
  let skip = (page - 1) * pageSize;
  let left = pageSize;
  for await (const d of source) {
    if (skip > 0) {
      skip--;
      continue;
    }
    yield d;
    if (--left === 0) return;
  }
}
