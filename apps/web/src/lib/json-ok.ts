import { noStore } from "./no-store.ts";

/** A route's JSON answer (jsonError's counterpart): never cached, 200 unless `status` says otherwise. */
export function jsonOk(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json(body, { status: init.status ?? 200, headers: noStore(init.headers) });
}
