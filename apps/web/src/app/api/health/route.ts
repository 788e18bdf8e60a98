/** Liveness for process supervisors and the e2e harness; it checks nothing beyond the server answering. */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
