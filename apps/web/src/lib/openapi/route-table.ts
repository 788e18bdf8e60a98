import type { z } from "zod";
import type { TScope } from "../authenticate-request.ts";

/** The methods a route.ts may export that the document describes (HEAD and OPTIONS are Next's). */
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call a route. "scope": an API key with the scope or a signed-in member whose role grants
 * it ("manage" is never a key scope, so those routes take the session only). "feed-token": a feed's
 * own token in any of the four places feed readers can put it. "public": anyone, and `why` says why
 * that is safe; `session: "optional"` when a session changes what it does (accepting an invitation).
 * "operator": the platform operator's session (User.platformOperator), never a key or a tenant role.
 */
export type TRouteAuth =
  | { kind: "scope"; scope: TScope }
  /** A platform operator's session only (require-operator.ts); anyone else 404, as for no route. */
  | { kind: "operator" }
  | { kind: "feed-token" }
  | { kind: "public"; why: string; session?: "optional" };

/** A zod object whose fields are parameters (path or query), one parameter per field. */
export type TParamsSchema = z.ZodObject<Record<string, z.ZodType>>;

/** A named zod schema: the name is its key under components.schemas. */
export type TNamedSchema = { name: string; schema: z.ZodType };

export type TRouteBody =
  | ({ kind: "json" } & TNamedSchema)
  /** A raw stream (uploads): no JSON Schema, the route reads bytes. */
  | { kind: "octet-stream"; description: string };

export type TRouteResponse = {
  status: number;
  description: string;
  /** The JSON answer's schema, where one exists; other answers are described in words. */
  json?: TNamedSchema;
  /** Media types of a non-JSON or multi-format answer (exports), instead of `json`. */
  mediaTypes?: readonly string[];
};

/** One operation of /api/v1. The document, and the test that compares it with the route files, read this. */
export type TApiRoute = {
  method: THttpMethod;
  /** Below /api/v1, with `{name}` for a `[name]` folder (and for a `[...name]` catch-all). */
  path: string;
  summary: string;
  description?: string;
  auth: TRouteAuth;
  /** Path parameters' schema; without it each `{name}` is a plain string. */
  params?: TParamsSchema;
  /** Path parameters' descriptions, e.g. how to encode an IPv6 address. */
  paramDescriptions?: Readonly<Record<string, string>>;
  query?: TParamsSchema;
  body?: TRouteBody;
  response: TRouteResponse;
  /** Errors besides those the auth and the body imply (401/403, 400/413), with what they mean here. */
  errors?: Readonly<Partial<Record<number, string>>>;
};

/** A JSON body or answer with its component name. */
export const named = (name: string, schema: z.ZodType): TNamedSchema => ({ name, schema });
