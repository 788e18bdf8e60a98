/**
 * A streamed HTTP body from string chunks, pulled one at a time as the client reads (a slow
 * firewall slows the database cursor instead of filling memory), gzip-compressed when the client
 * accepts it. A client that hangs up cancels the producer.
 */
export function streamResponse(
  req: Request,
  chunks: AsyncGenerator<string>,
  init: { status?: number; headers: Record<string, string> },
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<BufferSource>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const gzip = /\bgzip\b/i.test(req.headers.get("accept-encoding") ?? "");
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    ...init.headers,
    Vary: "Accept-Encoding",
  };
  if (!gzip) return new Response(body, { status: init.status ?? 200, headers });
  return new Response(body.pipeThrough(new CompressionStream("gzip")), {
    status: init.status ?? 200,
    headers: { ...headers, "Content-Encoding": "gzip" },
  });
}
