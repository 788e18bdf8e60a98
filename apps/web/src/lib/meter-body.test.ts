import { describe, expect, it } from "vitest";
import { meterBody } from "./meter-body.ts";

const streamOf = (...chunks: string[]): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });

async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("meterBody", () => {
  it("answers null for a body with no bytes, even when it sends empty chunks", async () => {
    expect(await meterBody(streamOf(), 100)).toBeNull();
    expect(await meterBody(streamOf("", ""), 100)).toBeNull();
  });

  it("passes every byte through, the peeked first chunk included, and counts them", async () => {
    const metered = await meterBody(streamOf("", "abc", "de", "f"), 100);
    expect(metered).not.toBeNull();
    expect(await drain(metered?.body ?? streamOf())).toBe("abcdef");
    expect(metered?.meter).toEqual({ bytes: 6, tooLarge: false });
  });

  it("errors the stream and flags it once the limit is passed", async () => {
    const metered = await meterBody(streamOf("abcd", "efgh"), 6);
    await expect(drain(metered?.body ?? streamOf())).rejects.toThrow(/limit of 6 bytes/);
    expect(metered?.meter.tooLarge).toBe(true);
  });

  it("accepts a body of exactly the limit", async () => {
    const metered = await meterBody(streamOf("abc", "def"), 6);
    expect(await drain(metered?.body ?? streamOf())).toBe("abcdef");
    expect(metered?.meter.tooLarge).toBe(false);
  });
});
