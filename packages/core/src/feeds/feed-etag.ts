import { createHash } from "node:crypto";
import type { TFeedDecision } from "./feed-decision.ts";
import { type TDecisionSource, remainingSeconds } from "./feed-source.ts";

/**
 * Incremental ETag of a feed's content: SHA-256 over each live decision's value and validUntil
 * (what every format's body is a function of, given its options), salted with the format and its
 * options so two formats or pages never share a tag. Timeouts in nft/ipset bodies are relative to
 * the pull, but they name the same absolute expiry, so a 304 leaves the firewall correct. Decisions
 * expired at `now` are left out, so the tag changes when an entry lapses.
 */
export class FeedEtag {
  private readonly hash = createHash("sha256");

  constructor(
    salt: string,
    private readonly now: Date,
  ) {
    this.hash.update(salt, "utf8").update("\n");
  }

  update(d: TFeedDecision): void {
    if (remainingSeconds(d, this.now) === null) return;
    this.hash.update(d.value, "utf8").update("\t").update(d.validUntil, "utf8").update("\n");
  }

  /** A strong ETag header value: the quoted base64url digest. Call once. */
  digest(): string {
    return `"${this.hash.digest("base64url")}"`;
  }
}

/** Hashes a whole stream (a first, cheap pass over value and validUntil before the body is sent). */
export async function feedEtag(source: TDecisionSource, salt: string, now: Date): Promise<string> {
  const etag = new FeedEtag(salt, now);
  for await (const d of source) etag.update(d);
  return etag.digest();
}
