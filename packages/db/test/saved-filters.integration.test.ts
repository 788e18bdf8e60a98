import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  ConflictError,
  createSavedFilter,
  deleteSavedFilter,
  listListedDecisions,
  listSavedFilters,
  NotFoundError,
  upsertDecisions,
  type TDecisionRow,
  type TListedFilter,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("saved filters", () => {
  it("saves, lists newest first, refuses a name twice, deletes, and hides them from other tenants", async () => {
    const a = await seedTenant("sfa");
    const b = await seedTenant("sfb");
    const first = await createSavedFilter({
      tenantId: a.tenantId,
      name: "German blocks",
      filter: { bucket: "block", country: "DE" },
      createdBy: a.userId,
    });
    await new Promise((r) => setTimeout(r, 5));
    const second = await createSavedFilter({
      tenantId: a.tenantId,
      name: "High scores",
      filter: { min: 0.9 },
      createdBy: a.userId,
    });
    expect(first.filter).toEqual({ bucket: "block", country: "DE" });
    expect((await listSavedFilters(a.tenantId)).map((f) => [f.name, f.filter, f.createdBy])).toEqual([
      ["High scores", { min: 0.9 }, a.userId],
      ["German blocks", { bucket: "block", country: "DE" }, a.userId],
    ]);

    await expect(
      createSavedFilter({ tenantId: a.tenantId, name: "High scores", filter: {}, createdBy: a.userId }),
    ).rejects.toBeInstanceOf(ConflictError);
    // Names are per tenant: another organisation may use the same one.
    const theirs = await createSavedFilter({
      tenantId: b.tenantId,
      name: "High scores",
      filter: { min: 0.5 },
      createdBy: b.userId,
    });
    expect((await listSavedFilters(b.tenantId)).map((f) => f.id)).toEqual([theirs.id]);

    // Another tenant's id is as missing as an unknown one, and stays in place.
    await expect(deleteSavedFilter({ tenantId: b.tenantId, id: first.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteSavedFilter({ tenantId: a.tenantId, id: "cunknown" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await listSavedFilters(a.tenantId)).length).toBe(2);

    const gone = await deleteSavedFilter({ tenantId: a.tenantId, id: first.id });
    expect(gone.name).toBe("German blocks");
    expect((await listSavedFilters(a.tenantId)).map((f) => f.id)).toEqual([second.id]);
    await expect(deleteSavedFilter({ tenantId: a.tenantId, id: first.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("listed decisions by country and exact address", () => {
  const now = new Date();
  const row = (ip: string, country: string | null, score: number): TDecisionRow => ({
    ip,
    sortKey: ip,
    family: ip.includes(":") ? 6 : 4,
    score,
    bucket: score >= 0.9 ? "block" : "review",
    cluster: "port-scan",
    driver: "own",
    asn: 64500,
    country,
    asOf: now.toISOString().slice(0, 10),
    validUntil: new Date(now.getTime() + 86_400_000),
    reportId: "r1",
    modelId: null,
    reportedAt: now,
  });
  const none: TListedFilter = {
    bucket: null,
    cidr: null,
    ip: null,
    asn: null,
    country: null,
    minScore: null,
    maxScore: null,
    activeOn: null,
    pending: false,
  };

  it("answers the rows of that country or that address only, combined with the other filters, per tenant", async () => {
    const a = await seedTenant("lca");
    const b = await seedTenant("lcb");
    await upsertDecisions(a.tenantId, [
      row("192.0.2.1", "DE", 0.95),
      row("192.0.2.2", "DE", 0.6),
      row("2001:db8::1", "DE", 0.97),
      row("198.51.100.1", "US", 0.99),
      row("198.51.100.2", null, 0.91),
    ]);
    await upsertDecisions(b.tenantId, [row("192.0.2.1", "DE", 0.95)]);
    const w = { tenantId: a.tenantId, reportedSince: new Date(now.getTime() - 86_400_000), now };
    const ips = async (f: Partial<TListedFilter>) =>
      (await listListedDecisions(w, { ...none, ...f }, { take: 100, skip: 0 })).rows.map((r) => r.ip);

    expect(await ips({ country: "DE" })).toEqual(["2001:db8::1", "192.0.2.1", "192.0.2.2"]);
    expect(await ips({ country: "DE", bucket: "block" })).toEqual(["2001:db8::1", "192.0.2.1"]);
    expect(await ips({ country: "DE", cidr: "192.0.2.0/24", minScore: 0.9 })).toEqual(["192.0.2.1"]);
    expect(await ips({ country: "FR" })).toEqual([]);
    expect(await ips({ ip: "2001:db8::1" })).toEqual(["2001:db8::1"]);
    expect(await ips({ ip: "2001:db8::1", country: "US" })).toEqual([]);
    const listed = await listListedDecisions(w, { ...none, ip: "198.51.100.2" }, { take: 10, skip: 0 });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]?.country).toBeNull();
    expect(
      (await listListedDecisions(w, { ...none, country: "US" }, { take: 10, skip: 0 })).rows[0]?.country,
    ).toBe("US");
    const other = { ...w, tenantId: b.tenantId };
    expect((await listListedDecisions(other, { ...none, country: "DE" }, { take: 10, skip: 0 })).total).toBe(
      1,
    );
  });
});
