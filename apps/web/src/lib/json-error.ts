import { NO_STORE } from "./no-store.ts";

/** Every API error has the same shape, `{"error": "...", ...details}`, so clients parse one thing. */
export function jsonError(
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  return Response.json({ error, ...extra }, { status, headers: { ...NO_STORE, ...headers } });
}
