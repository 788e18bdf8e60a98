// The tenant wall, generated from the route table (lib/openapi/routes.ts, which the OpenAPI test
// keeps equal to the route files): every /api/v1 operation is called without credentials, with a
// revoked credential, with another organisation's ids and with unknown ids, and must answer 401,
// 401, 404 and 404. A new route is in the table or the OpenAPI test fails; a new path parameter
// needs a value below or this test fails, so no route escapes the matrix.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  addListEntry,
  closeDb,
  createApiKey,
  createBacktest,
  createFeed,
  createInvitation,
  createSavedFilter,
  createTenantWithOwner,
  createUpload,
  revokeApiKey,
  revokeFeed,
  type TFeedSettings,
} from "@mlsec/db";
import { API_ROUTES } from "../src/lib/openapi/routes.ts";
import type { TApiRoute } from "../src/lib/openapi/route-table.ts";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

const baseUrl = inject("baseUrl");

type TOrg = {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  key: string;
  ids: Record<string, string>;
  feedToken: string;
};

const FEED: TFeedSettings = {
  name: "matrix",
  format: "edl",
  minScore: null,
  buckets: [],
  includeCommunity: true,
  family: null,
  aggregate: false,
  maxEntries: 1000,
  pageSize: null,
};

async function org(label: string): Promise<TOrg> {
  const email = uniqueEmail(`matrix-${label}`);
  const password = `matrix-password-${label}`;
  const t = await createTenantWithOwner({ name: `E2E Matrix ${label}`, email, password, withApiKey: true });
  const upload = await createUpload({ tenantId: t.tenantId, filename: "x.log" });
  const key = await createApiKey({ tenantId: t.tenantId, name: "spare", scopes: ["read"] });
  const entry = await addListEntry({
    tenantId: t.tenantId,
    kind: "allow",
    value: "192.0.2.1",
    createdBy: t.userId,
  });
  const invitation = await createInvitation({
    tenantId: t.tenantId,
    email: uniqueEmail(`inv-${label}`),
    role: "viewer",
  });
  const feed = await createFeed({ tenantId: t.tenantId, createdBy: t.userId, settings: FEED });
  const filter = await createSavedFilter({
    tenantId: t.tenantId,
    name: "matrix",
    filter: { bucket: "block" },
    createdBy: t.userId,
  });
  // A queued run with no job behind it: the matrix only reads it (and the POST below is refused 409).
  const backtest = await createBacktest({
    tenantId: t.tenantId,
    from: "2026-12-01",
    to: "2026-12-02",
    requestedBy: t.userId,
  });
  return {
    tenantId: t.tenantId,
    userId: t.userId,
    email,
    password,
    key: t.apiKey ?? "",
    feedToken: feed.token,
    ids: {
      upload: upload.id,
      key: key.id,
      list: entry.id,
      invitation: invitation.id,
      feed: feed.feed.id,
      filter: filter.id,
      backtest: backtest.id,
      user: t.userId,
      job: `ingest-${upload.id}`,
    },
  };
}

/** Which kind of id a path's `{id}` is, by the collection it sits in. */
function idKind(path: string, param: string): string {
  if (param === "userId") return "user";
  if (param !== "id") throw new Error(`route-matrix: no value for {${param}} in ${path}; add one`);
  for (const [prefix, kind] of [
    ["/uploads/", "upload"],
    ["/keys/", "key"],
    ["/lists/", "list"],
    ["/invitations/", "invitation"],
    ["/feeds/", "feed"],
    ["/filters/", "filter"],
    ["/backtests/", "backtest"],
    ["/taxii2/root/collections/", "feed"],
    ["/operator/jobs/", "job"],
  ] as const)
    if (path.startsWith(prefix)) return kind;
  throw new Error(`route-matrix: no id kind for ${path}; add one`);
}

/** Parameters that are not ids: a value that makes the route reach its tenant check. */
const FIXED_PARAMS: Record<string, string> = {
  format: "edl",
  file: "manifest.json",
  ip: "192.0.2.1",
  queue: "ingest",
};
/** Query strings a route validates before it looks anything up. */
const QUERIES: Record<string, string> = { "/uploads/{id}/report/export": "?format=csv" };
/** Valid bodies, so a refusal is about who asks and what for, not a malformed body. */
const BODIES: Record<string, unknown> = {
  "patch /members/{userId}": { role: "viewer" },
  "post /feeds": { name: "x", format: "edl" },
  "post /lists": { kind: "allow", value: "192.0.2.9" },
  "post /filters": { name: "matrix post", filter: { country: "DE" } },
  "post /backtests": { from: "2026-12-01", to: "2026-12-02" },
  "post /keys": { name: "x", scopes: ["read"] },
  "post /invitations": { email: "matrix-nobody@e2e.example.com", role: "viewer" },
  "post /feedback": { ip: "192.0.2.1", verdict: "benign" },
  "patch /settings": { triage: { block: 0.9, review: 0.5 } },
  "patch /community": { contribute: false },
  // Never a real erase: the matrix only checks who may call it.
  "delete /tenant": { confirm: "not the organisation's name" },
  "post /invitations/accept": { token: "inv_unknown" },
};

const params = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
const hasIdParam = (r: TApiRoute) => params(r.path).some((p) => !(p in FIXED_PARAMS));

function url(r: TApiRoute, ids: (kind: string) => string): string {
  let path = r.path;
  for (const p of params(r.path)) path = path.replace(`{${p}}`, FIXED_PARAMS[p] ?? ids(idKind(r.path, p)));
  // TAXII wants its trailing slash (and Next redirects it away everywhere else).
  const slash = r.path.startsWith("/taxii2") ? "/" : "";
  return `${baseUrl}/api/v1${path}${slash}${QUERIES[r.path] ?? ""}`;
}

type TCreds =
  | { kind: "none" }
  | { kind: "key"; key: string }
  | { kind: "feed"; token: string }
  | { kind: "session"; cookie: string };

async function call(r: TApiRoute, target: string, creds: TCreds): Promise<number> {
  const headers: Record<string, string> = {};
  if (creds.kind === "key") headers.Authorization = `Bearer ${creds.key}`;
  if (creds.kind === "feed") headers["X-Api-Key"] = creds.token;
  if (creds.kind === "session") {
    headers.Cookie = creds.cookie;
    headers["x-mlsec-portal"] = "1";
  }
  if (r.path.startsWith("/taxii2")) headers.Accept = "application/taxii+json;version=2.1";
  const body = BODIES[`${r.method} ${r.path}`];
  const init: RequestInit = { method: r.method.toUpperCase(), headers, redirect: "manual" };
  if (r.body?.kind === "json") {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body ?? {});
  } else if (r.body?.kind === "octet-stream") init.body = "x";
  const res = await fetch(target, init);
  await res.arrayBuffer();
  return res.status;
}

describe("every /api/v1 route behind the tenant wall", () => {
  let a: TOrg;
  let b: TOrg;
  let revokedKey = "";
  let revokedFeedToken = "";
  let sessionA = "";
  let browser: Browser;

  beforeAll(async () => {
    a = await org("a");
    b = await org("b");
    const spare = await createApiKey({
      tenantId: a.tenantId,
      name: "revoked",
      scopes: ["upload", "read", "feedback"],
    });
    await revokeApiKey({ tenantId: a.tenantId, id: spare.id });
    revokedKey = spare.key;
    const gone = await createFeed({ tenantId: a.tenantId, createdBy: a.userId, settings: FEED });
    await revokeFeed({ tenantId: a.tenantId, id: gone.feed.id });
    revokedFeedToken = gone.token;
    // A's owner signed in through the real form: "manage" routes take a session only.
    browser = await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, { organisation: "", email: a.email, password: a.password });
    sessionA = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  // The platform operator's routes answer 404 to everyone else instead (checked on their own below).
  const guarded = API_ROUTES.filter((r) => r.auth.kind !== "public" && r.auth.kind !== "operator");
  const operatorRoutes = API_ROUTES.filter((r) => r.auth.kind === "operator");
  const own = (r: TApiRoute): TCreds =>
    r.auth.kind === "feed-token"
      ? { kind: "feed", token: a.feedToken }
      : r.auth.kind === "scope" && r.auth.scope === "manage"
        ? { kind: "session", cookie: sessionA }
        : { kind: "key", key: a.key };

  it("has routes to check, and every public one says why", () => {
    expect(guarded.length).toBeGreaterThan(30);
    for (const r of API_ROUTES) if (r.auth.kind === "public") expect(r.auth.why.length).toBeGreaterThan(10);
  });

  it("answers 404 on the operator's routes to anyone not a platform operator, as for no route", async () => {
    expect(operatorRoutes.length).toBeGreaterThanOrEqual(4);
    const wrong: string[] = [];
    for (const r of operatorRoutes) {
      const target = url(r, (k) => a.ids[k] ?? "");
      const statuses = [
        await call(r, target, { kind: "none" }),
        await call(r, target, { kind: "key", key: revokedKey }),
        await call(r, target, { kind: "key", key: a.key }),
        // A's owner: the highest tenant role is no platform role.
        await call(r, target, { kind: "session", cookie: sessionA }),
      ];
      if (statuses.some((s) => s !== 404))
        wrong.push(`${r.method.toUpperCase()} ${r.path}: ${statuses.join(", ")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 401 without credentials and with revoked ones", async () => {
    const wrong: string[] = [];
    for (const r of guarded) {
      const target = url(r, (k) => a.ids[k] ?? "");
      const none = await call(r, target, { kind: "none" });
      const revoked = await call(
        r,
        target,
        r.auth.kind === "feed-token"
          ? { kind: "feed", token: revokedFeedToken }
          : { kind: "key", key: revokedKey },
      );
      if (none !== 401 || revoked !== 401)
        wrong.push(`${r.method.toUpperCase()} ${r.path}: none ${none}, revoked ${revoked}`);
    }
    expect(wrong).toEqual([]);
  });

  it("reaches every GET route with its own ids (so the 404s below are the tenant check, not a bad URL)", async () => {
    const wrong: string[] = [];
    for (const r of guarded.filter((x) => hasIdParam(x) && x.method === "get")) {
      const status = await call(
        r,
        url(r, (k) => a.ids[k] ?? ""),
        own(r),
      );
      // A's upload has no report yet: its report routes may say 404 "no report", so they are
      // checked for answering JSON from the route below instead of a page-not-found.
      // Likewise A's backtest is queued, so its result says 404 "result not ready".
      const notReady =
        status === 404 && (r.path.startsWith("/uploads/{id}/report") || r.path === "/backtests/{id}/result");
      if (status >= 400 && !notReady) wrong.push(`${r.method.toUpperCase()} ${r.path}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers another organisation's ids exactly like unknown ones: 404", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of guarded.filter(hasIdParam)) {
      const creds = own(r);
      const theirs = await call(
        r,
        url(r, (k) => b.ids[k] ?? ""),
        creds,
      );
      const unknown = await call(
        r,
        url(r, () => "cunknown0000000000000000"),
        creds,
      );
      checked++;
      if (theirs !== 404 || unknown !== 404)
        wrong.push(`${r.method.toUpperCase()} ${r.path}: theirs ${theirs}, unknown ${unknown}`);
    }
    expect(checked).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });

  it("left the other organisation's resources as they were", async () => {
    // The DELETE and PATCH calls above were aimed at B's ids: B's owner still reads all of them.
    const get = (path: string) =>
      fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${b.key}` } });
    expect((await get(`/uploads/${b.ids.upload}`)).status).toBe(200);
    expect((await get(`/feeds/${b.ids.feed}`)).status).toBe(200);
    const lists = (await (await get("/lists")).json()) as { entries: { id: string }[] };
    expect(lists.entries.map((e) => e.id)).toContain(b.ids.list);
    const filters = (await (await get("/filters")).json()) as { filters: { id: string }[] };
    expect(filters.filters.map((f) => f.id)).toContain(b.ids.filter);
    expect(
      (await fetch(`${baseUrl}/api/v1/feeds/${b.ids.feed}/edl`, { headers: { "X-Api-Key": b.feedToken } }))
        .status,
    ).toBe(200);
  });
});
