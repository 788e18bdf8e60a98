import { ZApiError } from "./api-schemas/responses.ts";
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
  if (!res.ok) throw new PortalFetchError(res.status, errorText(json, res.status));
  return json;
}

/** The API's `{"error", "issues"?}` as one line: what was refused and, for a 400, which fields and why. */
function errorText(json: unknown, status: number): string {
  const body = ZApiError.safeParse(json);
  if (!body.success) return `HTTP ${status}`;
  const issues = body.data.issues;
  const details = issues
    ? [
        ...issues.formErrors,
        ...Object.entries(issues.fieldErrors).map(([field, errs]) => `${field}: ${(errs ?? []).join(", ")}`),
      ]
    : [];
  return details.length > 0 ? `${body.data.error} (${details.join("; ")})` : body.data.error;
}

/** The message to show for a failed call. */
export const failureText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
