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

/** Whether the declared Content-Length is over the limit: checked before authentication. */
export function declaredTooLarge(req: Request, limit = JSON_BODY_LIMIT): boolean {
  const declared = Number(req.headers.get("content-length") ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * The body parsed as JSON, or null when it is empty or not JSON (the route's schema then answers
 * 400). Counted while it streams (meterBody, as uploads are), so a chunked body without
 * Content-Length is stopped at the limit too, having held at most `limit` bytes: BodyTooLargeError.
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
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
