export type TMeter = { bytes: number; tooLarge: boolean };

/**
 * Wraps a request body so its size is counted and capped while it streams, and tells an empty body
 * apart up front (a chunked request has no Content-Length to check). Only the first chunk is read
 * ahead; the rest is pulled on demand, so backpressure reaches the client and nothing is buffered.
 * Returns null for an empty body.
 */
export async function meterBody(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ body: ReadableStream<Uint8Array>; meter: TMeter } | null> {
  const reader = source.getReader();
  let first = await reader.read();
  while (!first.done && first.value.byteLength === 0) first = await reader.read();
  if (first.done) return null;
  let pending: Uint8Array | undefined = first.value;
  const meter: TMeter = { bytes: 0, tooLarge: false };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = pending;
      pending = undefined;
      if (!chunk) {
        const next = await reader.read();
        if (next.done) {
          controller.close();
          return;
        }
        chunk = next.value;
      }
      meter.bytes += chunk.byteLength;
      if (meter.bytes > maxBytes) {
        meter.tooLarge = true;
        controller.error(new Error(`upload larger than the limit of ${maxBytes} bytes`));
        await reader.cancel();
        return;
      }
      controller.enqueue(chunk);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { body, meter };
}
