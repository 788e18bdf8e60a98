import { resolveFeedToken, type TFeed } from "@mlsec/db";
import { jsonError } from "./json-error.ts";

/**
 * A feed token wherever the consumer can put one: CrowdSec bouncers send `X-Api-Key`, PAN-OS and
 * FortiGate use basic auth (the token as password, any user name) or a `?token=` URL, scripts a
 * bearer header.
 */
export function feedTokenOf(req: Request): string | null {
  const key = req.headers.get("x-api-key");
  if (key) return key.trim();
  const auth = req.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(auth);
  if (basic?.[1]) {
    const text = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = text.indexOf(":");
    const password = colon >= 0 ? text.slice(colon + 1) : text;
    return password || (colon >= 0 ? text.slice(0, colon) : null);
  }
  return new URL(req.url).searchParams.get("token");
}

/** Who pulled, as far as the request says (the portal behind a proxy sees it in X-Forwarded-For). */
export function pullerOf(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const agent = req.headers.get("user-agent") ?? "";
  const from = forwarded || req.headers.get("x-real-ip") || "direct";
  return agent ? `${from} (${agent.slice(0, 80)})` : from;
}

type TFeedHandler<P> = (req: Request, feed: TFeed, params: P) => Response | Promise<Response>;

/** How a consumer's protocol answers an error (TAXII has its own media type and body). */
export type TFeedErrorResponse = (
  status: number,
  message: string,
  headers?: Record<string, string>,
) => Response;

/**
 * Our error shape plus `message`, LAPI's: Debian's CrowdSec bouncer reads `message` from any error
 * answer and crashes (nil pointer, exit 2) on a 401 without it, e.g. after its feed is revoked.
 */
const jsonFeedError: TFeedErrorResponse = (status, message, headers = {}) =>
  jsonError(status, message, { message }, headers);

/**
 * Wraps a feed consumer's route: the feed token (never an API key or session) names the feed; a
 * missing, unknown, rotated or revoked token answers 401, and a valid token used on another feed's
 * URL answers 404 like an unknown feed, so a token reads its own feed only.
 */
export function withFeed<P extends { id?: string }>(
  handler: TFeedHandler<P>,
  errorResponse: TFeedErrorResponse = jsonFeedError,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    const token = feedTokenOf(req);
    const feed = token ? await resolveFeedToken(token) : null;
    if (!feed)
      return errorResponse(401, "missing, unknown or revoked feed token", {
        "WWW-Authenticate": 'Basic realm="mlsec feed"',
      });
    const params = await ctx.params;
    if (params.id !== undefined && params.id !== feed.id) return errorResponse(404, "not found");
    try {
      return await handler(req, feed, params);
    } catch (err) {
      console.error(`[feed] ${req.method} ${new URL(req.url).pathname}:`, err);
      return errorResponse(500, "internal error");
    }
  };
}

/**
 * Whether an If-None-Match header names this ETag. Weak comparison (RFC 9110 13.1.2): `next start`
 * marks the ETag of a response it compresses as weak, and clients send back what they got.
 */
export function matchesEtag(req: Request, etag: string): boolean {
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  const header = req.headers.get("if-none-match");
  return (
    header !== null && (header.trim() === "*" || header.split(",").some((t) => strip(t) === strip(etag)))
  );
}
