import {
  decodeTaxiiCursor,
  parseAddedAfter,
  TAXII_MAX_PAGE,
  TAXII_MEDIA_TYPE,
  taxiiError,
  type TTaxiiCursor,
} from "@mlsec/core/feeds";
import type { TFeed } from "@mlsec/db";
import { withFeed } from "./feed-auth.ts";
import { getWebEnv } from "./web-env.ts";
import { noStore } from "./no-store.ts";

/** The TAXII server's discovery URL; every TAXII URL ends with a slash, as the spec requires. */
export function taxiiBaseUrl(): string {
  return `${getWebEnv().NEXTAUTH_URL.replace(/\/+$/, "")}/api/v1/taxii2/`;
}

/** The one API root: a feed token reads one feed, so one root with that feed as its collection. */
export function taxiiApiRootUrl(): string {
  return `${taxiiBaseUrl()}root/`;
}

/** A TAXII error message: TAXII clients parse errors as the same media type as resources. */
export function taxiiErrorResponse(
  status: number,
  title: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(taxiiError({ title, httpStatus: status })), {
    status,
    headers: noStore({ "Content-Type": TAXII_MEDIA_TYPE, ...headers }),
  });
}

/** A TAXII resource (discovery, api root, collections). */
export function taxiiJson(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    headers: noStore({ "Content-Type": TAXII_MEDIA_TYPE, ...headers }),
  });
}

/**
 * Whether the request's Accept lets us answer `application/taxii+json;version=2.1`. The spec has
 * clients send that type (a version-less one means the newest, 2.1 here); wildcards and a missing
 * header accept anything (curl, browsers). Another type or TAXII version only, or q=0, does not.
 */
export function acceptsTaxii(accept: string | null): boolean {
  if (accept === null || accept.trim() === "") return true;
  for (const range of accept.split(",")) {
    const [type = "", ...rest] = range.split(";").map((s) => s.trim().toLowerCase());
    const params = new Map(
      rest.map((p) => {
        const eq = p.indexOf("=");
        return eq < 0
          ? [p, ""]
          : [
              p.slice(0, eq).trim(),
              p
                .slice(eq + 1)
                .trim()
                .replace(/^"(.*)"$/, "$1"),
            ];
      }),
    );
    const q = params.get("q");
    if (q !== undefined && Number(q) === 0) continue;
    if (type === "*/*" || type === "application/*") return true;
    if (type === "application/taxii+json") {
      const version = params.get("version");
      if (version === undefined || version === "2.1") return true;
    }
  }
  return false;
}

type THandler<P> = (req: Request, feed: TFeed, params: P) => Response | Promise<Response>;

/**
 * A TAXII route: 406 unless the client accepts TAXII 2.1, then the feed token's auth (withFeed: 401
 * without a valid token, 404 for another feed's collection id), every error a TAXII error message.
 */
export function withTaxii<P extends { id?: string }>(
  handler: THandler<P>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  const authorised = withFeed(handler, taxiiErrorResponse);
  return async (req, ctx) => {
    if (!acceptsTaxii(req.headers.get("accept")))
      return taxiiErrorResponse(406, `this server answers only ${TAXII_MEDIA_TYPE}`);
    // Routes without a dynamic segment may be called without params; withFeed reads them.
    return authorised(req, { params: ctx?.params ?? Promise.resolve({} as P) });
  };
}

/** What a page of objects or manifest records asks for. */
export type TTaxiiPageQuery = {
  addedAfter: Date | null;
  limit: number;
  cursor: TTaxiiCursor | null;
  /** match[type]; null: every type. */
  types: string[] | null;
};

/**
 * The filters of GET .../objects/ and .../manifest/, or a 400 answer. `limit` above the largest
 * page is lowered to it (the spec lets a server return fewer than asked); without one a page is
 * the largest. Other match[...] filters (id, version, spec_version) are not supported: every
 * object has one version, of STIX 2.1.
 */
export function parseTaxiiPageQuery(url: URL): TTaxiiPageQuery | Response {
  const q = url.searchParams;
  const addedAfter = parseAddedAfter(q.get("added_after"));
  if (addedAfter === null) return taxiiErrorResponse(400, "added_after must be an RFC 3339 UTC timestamp");
  const limitText = q.get("limit");
  const limit = limitText === null || limitText === "" ? TAXII_MAX_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return taxiiErrorResponse(400, "limit must be an integer >= 1");
  const nextText = q.get("next");
  const cursor = nextText === null || nextText === "" ? null : decodeTaxiiCursor(nextText);
  if (nextText && !cursor) return taxiiErrorResponse(400, "next is not a value this server gave");
  const typeText = q.get("match[type]");
  const types =
    typeText === null || typeText === ""
      ? null
      : typeText
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t !== "");
  return { addedAfter: addedAfter ?? null, limit: Math.min(limit, TAXII_MAX_PAGE), cursor, types };
}
