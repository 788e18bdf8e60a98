import { PORTAL_REQUEST_HEADER } from "./portal-header.ts";

/** An API error with the server's message, so forms can show what was refused and why. */
export class PortalFetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The portal's client components call the same /api/v1 routes as API clients do, so roles are
 * checked in one place. Cookie-authenticated writes carry the portal header (CSRF guard).
 */
export async function portalFetch(
  path: string,
  opts: { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown } = {},
): Promise<unknown> {
  const headers: Record<string, string> = { [PORTAL_REQUEST_HEADER]: "1" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method: opts.method ?? "GET",
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  if (res.status === 204) return null;
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error =
      json && typeof json === "object" && "error" in json && typeof json.error === "string"
        ? json.error
        : `HTTP ${res.status}`;
    throw new PortalFetchError(res.status, error);
  }
  return json;
}

/** The message to show for a failed call. */
export const failureText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
