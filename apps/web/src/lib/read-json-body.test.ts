import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readJsonBody, UnstorableTextError } from "./read-json-body.ts";

/** A POST whose body streams in `chunks` with no Content-Length (chunked transfer). */
function chunked(chunks: string[]): Request {
  const encoder = new TextEncoder();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
  return new Request("http://portal.test/api/v1/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readJsonBody", () => {
  it("parses JSON under the limit, and reads bad or empty JSON as null for the schema to refuse", async () => {
    expect(await readJsonBody(chunked(['{"a":', "1}"]), 100)).toEqual({ a: 1 });
    expect(await readJsonBody(chunked(["{not json"]), 100)).toBeNull();
    expect(await readJsonBody(new Request("http://portal.test/", { method: "POST" }), 100)).toBeNull();
  });

  it("stops a chunked body at the limit without reading the rest", async () => {
    const chunks = Array.from({ length: 1000 }, () => "x".repeat(64));
    const req = chunked(chunks);
    await expect(readJsonBody(req, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const req = new Request("http://portal.test/", {
      method: "POST",
      body: "{}",
      headers: { "content-length": "5000000" },
    });
    await expect(readJsonBody(req, 1000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(req.bodyUsed).toBe(false);
  });

  it("refuses text PostgreSQL cannot store (NUL, unpaired surrogates) anywhere, and keeps real pairs", async () => {
    for (const text of ['{"note":"a\\u0000b"}', '{"a":[{"b":"\\ud800"}]}', '{"\\udc00":1}', '["x\\udfff"]'])
      await expect(readJsonBody(chunked([text]), 1000), text).rejects.toBeInstanceOf(UnstorableTextError);
    expect(await readJsonBody(chunked(['{"note":"\\ud83d\\ude00 ok"}']), 1000)).toEqual({ note: "😀 ok" });
  });
});
