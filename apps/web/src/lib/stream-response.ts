import { noStore } from "./no-store.ts";
/**
 * A streamed HTTP body from string chunks, pulled one at a time as the client reads (a slow
 * firewall slows the database cursor instead of filling memory). A client that hangs up cancels
 * the producer.
 *
 * Compression is the server's: `next start` gzips responses for clients that accept it (the
 * `compress` option, on by default) and drops a route's own Content-Encoding header (Next 16's
 * sendResponse), so a body gzipped here would reach the client gzipped twice under one header.
 */
export function streamResponse(
  _req: Request,
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
  return new Response(body, {
    status: init.status ?? 200,
    headers: noStore({ ...init.headers, Vary: "Accept-Encoding" }),
  });
}
