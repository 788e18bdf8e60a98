import type { TFeed } from "@mlsec/db";
import { getWebEnv } from "./web-env.ts";

/**
 * What a consumer is configured with: for CrowdSec the bouncer's `api_url` (it appends
 * `v1/decisions/stream`), for MISP the feed directory (it appends `manifest.json`), for TAXII the
 * discovery endpoint, for the rest the list itself. The token goes separately (header, basic auth
 * or `?token=`).
 */
export function feedUrl(feed: Pick<TFeed, "id" | "format">): string {
  const base = `${getWebEnv().NEXTAUTH_URL.replace(/\/+$/, "")}/api/v1`;
  switch (feed.format) {
    case "crowdsec":
      return `${base}/feeds/${feed.id}/crowdsec/`;
    case "misp":
      return `${base}/feeds/${feed.id}/misp/`;
    case "taxii":
      return `${base}/taxii2/`;
    default:
      return `${base}/feeds/${feed.id}/${feed.format}`;
  }
}

/** A feed as the API shows it: its settings, its pulls, its URL; never the token. */
export function feedView(feed: TFeed) {
  return { ...feed, url: feedUrl(feed) };
}
