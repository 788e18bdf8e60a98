import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { getJson, getStream, putJson, putStream, uploadKey } from "../src/index.ts";

describe("S3 storage", () => {
  it("streams a multipart upload and reads back the same bytes", async () => {
    // 12 MiB in 1 MiB chunks: three 5 MiB parts, never held whole by the uploader.
    const chunks = Array.from({ length: 12 }, () => randomBytes(1024 * 1024));
    const expected = createHash("sha256");
    chunks.forEach((c) => expected.update(c));
    const key = uploadKey("tenant-x", `u-${Date.now()}`, "../../etc/passwd");
    expect(key.startsWith("tenants/tenant-x/uploads/")).toBe(true);
    expect(key).not.toContain("..");
    let reported = 0;
    const stored = await putStream({ key, body: Readable.from(chunks), onBytes: (n) => (reported = n) });
    expect(stored.sizeBytes).toBe(12 * 1024 * 1024);
    expect(reported).toBe(stored.sizeBytes);
    expect(stored.sha256).toBe(expected.digest("hex"));
    const back = createHash("sha256");
    for await (const c of await getStream(key)) back.update(c as Buffer);
    expect(back.digest("hex")).toBe(stored.sha256);
  });

  it("refuses a body over the size limit", async () => {
    await expect(
      putStream({
        key: `tenants/t/uploads/big-${Date.now()}`,
        body: Readable.from([randomBytes(2048)]),
        maxBytes: 1024,
      }),
    ).rejects.toThrow(/limit/);
  });

  it("round-trips JSON", async () => {
    const key = `tenants/t/reports/r-${Date.now()}.json`;
    await putJson(key, { a: [1, 2, 3] });
    expect(await getJson(key)).toEqual({ a: [1, 2, 3] });
  });
});
