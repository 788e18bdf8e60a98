import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

describe("GET /api/v1/openapi.json", () => {
  it("answers the document without credentials, cacheable, at the exact dotted path", async () => {
    const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const doc = (await res.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(["/uploads", "/openapi.json"]));
  });
});
