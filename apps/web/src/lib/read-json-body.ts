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
 * 400). Counted while it streams, so a chunked body without Content-Length is stopped at the
 * limit too, having held at most `limit` bytes: BodyTooLargeError.
 */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  if (declaredTooLarge(req, limit)) throw new BodyTooLargeError(limit);
  if (!req.body) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    return null;
  }
}
