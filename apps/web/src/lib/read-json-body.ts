import { meterBody } from "./meter-body.ts";

/**
 * Request bodies of the JSON routes are capped before they are read: four unauthenticated 450 MB
 * bodies once took the portal from 1.5 to 3.6 GB. 1 MiB holds the largest legitimate one (500
 * verdicts at once) many times over. Uploads stream to S3 under their own limit instead.
 */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** A body over the limit: routes answer 413 (withPrincipal maps it). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * A body with text PostgreSQL cannot store: a NUL character or half a UTF-16 surrogate pair (JSON
 * allows both as escapes). Routes answer 400 with this message; the database would fail (a 500).
 */
export class UnstorableTextError extends Error {
  constructor() {
    super("request body has a string with a NUL character (\\u0000) or an unpaired surrogate: refused");
    this.name = "UnstorableTextError";
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes("\u0000") || LONE_SURROGATE.test(s);

/** Whether any string or key anywhere in a parsed JSON value is unstorable (iterative: deep nesting). */
function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (unstorable(v)) return true;
    } else if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (typeof v === "object" && v !== null)
      for (const [k, inner] of Object.entries(v)) {
        if (unstorable(k)) return true;
        stack.push(inner);
      }
  }
  return false;
}

/** Whether the declared Content-Length is over the limit: checked before authentication. */
export function declaredTooLarge(req: Request, limit = JSON_BODY_LIMIT): boolean {
  const declared = Number(req.headers.get("content-length") ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The body parsed as JSON, or null when it is empty or not JSON (the route's schema then answers
 * 400). Counted while it streams (meterBody, as uploads are), so a chunked body without
 * Content-Length is stopped at the limit too, having held at most `limit` bytes: BodyTooLargeError.
 * Text the database cannot store throws UnstorableTextError.
 */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  if (declaredTooLarge(req, limit)) throw new BodyTooLargeError(limit);
  const metered = req.body ? await meterBody(req.body, limit) : null;
  if (!metered) return null;
  let text: string;
  try {
    text = await new Response(metered.body).text();
  } catch (err) {
    if (metered.meter.tooLarge) throw new BodyTooLargeError(limit);
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (hasUnstorableText(value)) throw new UnstorableTextError();
  return value;
}
