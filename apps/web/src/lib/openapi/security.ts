import { PORTAL_REQUEST_HEADER } from "../portal-header.ts";
import type { TRouteAuth } from "./route-table.ts";

export type TSecurityRequirement = Record<string, string[]>;

/**
 * How callers authenticate (authenticate-request.ts). An Authorization header means an API key
 * and only the key counts; without one, the portal's session cookie. Feed readers (firewalls,
 * EDLs, CrowdSec) cannot always send a bearer header, so a feed token is taken in four places.
 */
export const SECURITY_SCHEMES = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    description:
      "An API key (`mlsec_...`) made on the portal's Keys page, as `Authorization: Bearer <key>`. Its scopes " +
      "(upload, read, feedback, export) say what it may do; it never has the manage scope.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The portal's session (`__Secure-next-auth.session-token` over HTTPS); the member's role gives the scopes " +
      `(viewer: read; analyst: upload, read, feedback; admin and owner: those, export and manage). Writes also need the header ` +
      `\`${PORTAL_REQUEST_HEADER}: 1\`, which a cross-site form cannot send (CSRF).`,
  },
  feedTokenHeader: {
    type: "apiKey",
    in: "header",
    name: "X-Api-Key",
    description: "A feed's token in the X-Api-Key header (CrowdSec bouncers).",
  },
  feedTokenBearer: {
    type: "http",
    scheme: "bearer",
    description: "A feed's token as `Authorization: Bearer`.",
  },
  feedTokenBasic: {
    type: "http",
    scheme: "basic",
    description: "A feed's token as the HTTP Basic password, any user name (PAN-OS, FortiGate).",
  },
  feedTokenQuery: {
    type: "apiKey",
    in: "query",
    name: "token",
    description: "A feed's token as `?token=`, for readers that take only a URL.",
  },
} as const;

type TSchemeName = keyof typeof SECURITY_SCHEMES;
const FEED_SCHEMES: readonly TSchemeName[] = [
  "feedTokenHeader",
  "feedTokenBearer",
  "feedTokenBasic",
  "feedTokenQuery",
];

/**
 * The operation's security: alternatives, any one of which suffices. OpenAPI 3.1 lets non-OAuth
 * schemes list role names, so the scope a route needs is named on each alternative.
 */
export function securityOf(auth: TRouteAuth): TSecurityRequirement[] {
  switch (auth.kind) {
    case "scope":
      // "manage" is never a key scope: only a signed-in owner or admin has it.
      return auth.scope === "manage"
        ? [{ session: ["manage"] }]
        : [{ apiKey: [auth.scope] }, { session: [auth.scope] }];
    case "feed-token":
      return FEED_SCHEMES.map((name) => ({ [name]: [] }));
    case "operator":
      return [{ session: ["platform-operator"] }];
    case "public":
      // `{}` is the anonymous alternative.
      return auth.session === "optional" ? [{}, { session: [] }] : [];
  }
}
