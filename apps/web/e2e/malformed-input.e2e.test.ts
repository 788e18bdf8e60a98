// Malformed input never gets a 500: every JSON route of the route table (lib/openapi/routes.ts)
// is sent hostile bodies (malformed-bodies.ts) over HTTP. The route's own zod schema, from the
// same table, is the oracle: a body it refuses must be answered 400 with an error message; one it
// takes may be refused for other reasons (404, 409), never with a 5xx. A new JSON route without a
// valid body below fails the test, so none escapes it.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createApiKey, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { API_ROUTES } from "../src/lib/openapi/routes.ts";
import type { TApiRoute } from "../src/lib/openapi/route-table.ts";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { malformedBodies } from "./malformed-bodies.ts";
import { signIn } from "./portal.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

const baseUrl = inject("baseUrl");

/** A valid body per route, so each case differs from an accepted request in one way. */
const VALID: Record<string, Record<string, unknown>> = {
  "patch /community": { contribute: false },
  // Never this organisation's name ("E2E Fuzz"), so no fuzz case can erase it: the use case refuses it.
  "delete /tenant": { confirm: "not this organisation" },
  "post /filters": { name: "fuzz", filter: { bucket: "block", country: "DE" } },
  // The fuzz organisation has no data: an accepted body is refused 409, so no run is ever queued.
  "post /backtests": { from: "2026-12-01", to: "2026-12-03" },
  "post /feedback": { ip: "192.0.2.1", verdict: "benign", note: "fuzz" },
  "post /feeds": { name: "fuzz", format: "edl", minScore: 0.5, buckets: ["block"] },
  "post /invitations": { email: "fuzz-nobody@e2e.example.com", role: "viewer" },
  "post /invitations/accept": { token: "inv_unknown", password: "a long fuzz password", name: "F" },
  "post /keys": { name: "fuzz", scopes: ["read"] },
  "post /lists": { kind: "allow", value: "192.0.2.9", reason: "fuzz" },
  "patch /members/{userId}": { role: "viewer" },
  "patch /settings": {
    triage: { block: 0.9, review: 0.5 },
    notifications: { webhookUrl: null, notifyEmail: null },
  },
};

const jsonRoutes = API_ROUTES.filter((r) => r.body?.kind === "json");
const routeKey = (r: TApiRoute) => `${r.method} ${r.path}`;

describe("malformed JSON bodies on every JSON route", () => {
  let browser: Browser;
  let cookie = "";
  let memberId = "";
  let tenantId = "";

  beforeAll(async () => {
    const email = uniqueEmail("fuzz-owner");
    const password = "fuzz-owner-password";
    const t = await createTenantWithOwner({ name: "E2E Fuzz", email, password });
    tenantId = t.tenantId;
    // A second member, so PATCH /members/{userId} reaches a real membership.
    const inv = await createInvitation({ tenantId, email: uniqueEmail("fuzz-member"), role: "analyst" });
    memberId = (await acceptInvitation({ token: inv.token, password: "fuzz-member-password" })).userId;
    browser = await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, { organisation: "", email, password });
    cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("has a valid body for every JSON route in the table", () => {
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(9);
    expect(jsonRoutes.map(routeKey).filter((k) => !(k in VALID))).toEqual([]);
    // Each valid body is valid, or the cases would not be one change away from an accepted request.
    for (const r of jsonRoutes)
      if (r.body?.kind === "json")
        expect(r.body.schema.safeParse(VALID[routeKey(r)]).success, routeKey(r)).toBe(true);
  });

  for (const [index, r] of jsonRoutes.entries())
    it(`${r.method.toUpperCase()} ${r.path}: 400 with a message for what its schema refuses, never 5xx`, async () => {
      if (r.body?.kind !== "json") throw new Error("not a JSON route");
      const schema = r.body.schema;
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (r.auth.kind === "scope" && r.auth.scope === "manage") {
        headers.Cookie = cookie;
        headers["x-mlsec-portal"] = "1";
      } else if (r.auth.kind === "scope") {
        // A key per route: the API's 600 calls a minute per key would otherwise answer 429.
        const key = await createApiKey({
          tenantId,
          name: `fuzz-${index}`,
          scopes: ["upload", "read", "feedback"],
        });
        headers.Authorization = `Bearer ${key.key}`;
      }
      const url = `${baseUrl}/api/v1${r.path.replace("{userId}", memberId)}`;
      const wrong: string[] = [];
      let refused = 0;
      for (const c of malformedBodies(VALID[routeKey(r)] ?? {}, 1900 + index)) {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(c.text);
        } catch {
          // Not JSON: the route reads it as no body, which every schema here refuses.
        }
        const schemaRefuses = !schema.safeParse(parsed).success;
        const res = await fetch(url, { method: r.method.toUpperCase(), headers, body: c.text });
        const text = await res.text();
        let message: unknown;
        try {
          message = (JSON.parse(text) as { error?: unknown }).error;
        } catch {
          message = undefined;
        }
        if (res.status >= 500) wrong.push(`${c.label}: ${res.status} ${text.slice(0, 120)}`);
        else if (schemaRefuses && (res.status !== 400 || typeof message !== "string" || message.length === 0))
          wrong.push(`${c.label}: schema refuses it, got ${res.status} ${text.slice(0, 120)}`);
        if (schemaRefuses) refused++;
      }
      // Over the body limit: refused before it is read, still not a 5xx.
      const huge = await fetch(url, {
        method: r.method.toUpperCase(),
        headers,
        body: JSON.stringify({ pad: "a".repeat(2 * 1024 * 1024) }),
      });
      await huge.arrayBuffer();
      if (huge.status !== 413) wrong.push(`2 MiB body: ${huge.status}`);
      expect(refused).toBeGreaterThan(50);
      expect(wrong).toEqual([]);
    });
});
