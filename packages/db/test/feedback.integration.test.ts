import { afterAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  activeListEntries,
  addListEntry,
  authenticateUser,
  closeDb,
  ConflictError,
  createApiKey,
  createInvitation,
  getDb,
  getMembership,
  listApiKeys,
  listAudit,
  listVerdicts,
  NotFoundError,
  recordAudit,
  recordVerdict,
  removeListEntry,
  resolveApiKey,
  retrainDue,
  revokeApiKey,
  setMemberRole,
  verdictsForTraining,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("verdicts", () => {
  it("keeps every verdict, trains on the latest per IP, and hides them from other tenants", async () => {
    const a = await seedTenant("va");
    const b = await seedTenant("vb");
    const actor = { userId: a.userId };
    await recordVerdict({ tenantId: a.tenantId, ip: "198.51.100.7", verdict: "malicious", actor });
    await new Promise((r) => setTimeout(r, 5));
    await recordVerdict({
      tenantId: a.tenantId,
      ip: "198.51.100.7",
      verdict: "benign",
      note: "our VPN",
      actor,
    });
    await recordVerdict({ tenantId: a.tenantId, ip: "203.0.113.9", verdict: "malicious", actor });

    const history = await listVerdicts({ tenantId: a.tenantId, ip: "198.51.100.7" });
    expect(history.map((v) => v.verdict)).toEqual(["benign", "malicious"]);
    expect(history[0]?.note).toBe("our VPN");
    const training = await verdictsForTraining(a.tenantId);
    expect(
      training.map((v) => ({ ip: v.ip, verdict: v.verdict })).sort((x, y) => x.ip.localeCompare(y.ip)),
    ).toEqual([
      { ip: "198.51.100.7", verdict: "benign" },
      { ip: "203.0.113.9", verdict: "malicious" },
    ]);
    expect(await listVerdicts({ tenantId: b.tenantId })).toEqual([]);
    expect(await verdictsForTraining(b.tenantId)).toEqual([]);
  });

  it("keeps a verdict's day and cluster, trains on the latest per address and per address-day, per tenant", async () => {
    const a = await seedTenant("vda");
    const b = await seedTenant("vdb");
    const actor = { userId: a.userId };
    const ip = "198.51.100.40";
    const whole = await recordVerdict({ tenantId: a.tenantId, ip, verdict: "malicious", actor });
    expect(whole).toMatchObject({ day: null, cluster: null });
    await new Promise((r) => setTimeout(r, 5));
    await recordVerdict({ tenantId: a.tenantId, ip, verdict: "malicious", day: "2026-09-01", actor });
    await new Promise((r) => setTimeout(r, 5));
    const day = await recordVerdict({
      tenantId: a.tenantId,
      ip,
      verdict: "benign",
      day: "2026-09-01",
      cluster: "watched-ports",
      note: "our scanner that day",
      actor,
    });
    expect(day).toMatchObject({ day: "2026-09-01", cluster: "watched-ports" });
    await recordVerdict({ tenantId: a.tenantId, ip, verdict: "malicious", day: "2026-09-02", actor });

    const history = await listVerdicts({ tenantId: a.tenantId, ip });
    expect(history.map((v) => [v.verdict, v.day, v.cluster])).toEqual([
      ["malicious", "2026-09-02", null],
      ["benign", "2026-09-01", "watched-ports"],
      ["malicious", "2026-09-01", null],
      ["malicious", null, null],
    ]);
    const training = await verdictsForTraining(a.tenantId);
    const strip = training.map(({ at, ...v }) => {
      expect(Date.parse(at ?? "")).not.toBeNaN();
      return v;
    });
    expect(strip).toEqual([
      { ip, verdict: "benign", day: "2026-09-01", cluster: "watched-ports" },
      { ip, verdict: "malicious", day: "2026-09-02" },
      { ip, verdict: "malicious" },
    ]);
    expect(training[0]?.at).toBe(day.createdAt.toISOString());
    // Another tenant sees none of it.
    expect(await listVerdicts({ tenantId: b.tenantId, ip })).toEqual([]);
    expect(await verdictsForTraining(b.tenantId)).toEqual([]);
  });

  it("says a retrain is due once the tenant's threshold of new verdicts is reached", async () => {
    const t = await seedTenant("due");
    await getDb().tenant.update({ where: { id: t.tenantId }, data: { retrainAfterVerdicts: 2 } });
    const actor = { userId: t.userId };
    await recordVerdict({ tenantId: t.tenantId, ip: "192.0.2.1", verdict: "benign", actor });
    expect(await retrainDue(t.tenantId)).toMatchObject({ due: false, newVerdicts: 1, threshold: 2 });
    await recordVerdict({ tenantId: t.tenantId, ip: "192.0.2.2", verdict: "benign", actor });
    expect(await retrainDue(t.tenantId)).toMatchObject({ due: true, newVerdicts: 2 });
  });
});

describe("allow and block lists", () => {
  it("applies only unexpired entries and answers NotFound for another tenant's entry", async () => {
    const a = await seedTenant("la");
    const b = await seedTenant("lb");
    const now = new Date("2026-06-01T00:00:00Z");
    const kept = await addListEntry({
      tenantId: a.tenantId,
      kind: "allow",
      value: "10.0.0.0/8",
      reason: "internal",
      createdBy: a.userId,
    });
    await addListEntry({
      tenantId: a.tenantId,
      kind: "block",
      value: "AS64500",
      expiresAt: new Date("2026-05-01T00:00:00Z"),
      createdBy: a.userId,
    });
    const active = await activeListEntries({ tenantId: a.tenantId, now });
    expect(active.map((e) => e.value)).toEqual(["10.0.0.0/8"]);
    expect(await activeListEntries({ tenantId: b.tenantId, now })).toEqual([]);
    await expect(removeListEntry({ tenantId: b.tenantId, id: kept.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await removeListEntry({ tenantId: a.tenantId, id: kept.id });
    expect(await activeListEntries({ tenantId: a.tenantId, now })).toEqual([]);
  });
});

describe("api keys", () => {
  it("lists keys without their hash, revokes them (then 401-worthy), and isolates tenants", async () => {
    const a = await seedTenant("ka");
    const b = await seedTenant("kb");
    const created = await createApiKey({ tenantId: a.tenantId, name: "ci", scopes: ["read"] });
    const keys = await listApiKeys(a.tenantId);
    const listed = keys.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: "ci", scopes: ["read"], revokedAt: null });
    expect(listed?.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(keys)).not.toMatch(/hash/);
    expect((await listApiKeys(b.tenantId)).some((k) => k.id === created.id)).toBe(false);
    await expect(revokeApiKey({ tenantId: b.tenantId, id: created.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await resolveApiKey(created.key)).not.toBeNull();
    await revokeApiKey({ tenantId: a.tenantId, id: created.id });
    expect(await resolveApiKey(created.key)).toBeNull();
  });
});

describe("audit", () => {
  it("lists a tenant's events newest first and never another tenant's", async () => {
    const a = await seedTenant("aa");
    const b = await seedTenant("ab");
    await recordAudit({ tenantId: a.tenantId, actor: a.userId, action: "sign-in" });
    await new Promise((r) => setTimeout(r, 5));
    await recordAudit({ tenantId: a.tenantId, actor: a.userId, action: "verdict", target: "192.0.2.1" });
    const events = await listAudit({ tenantId: a.tenantId });
    expect(events.map((e) => e.action)).toEqual(["verdict", "sign-in"]);
    expect(await listAudit({ tenantId: b.tenantId })).toEqual([]);
  });
});

describe("invitations and roles", () => {
  it("joins a new user with the invited role once, storing only the token's hash", async () => {
    const t = await seedTenant("inv");
    const email = `new-${t.tenantId}@example.test`;
    const { token } = await createInvitation({ tenantId: t.tenantId, email, role: "viewer" });
    const row = await getDb().invitation.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    expect(row.tokenHash).not.toContain(token);
    const joined = await acceptInvitation({ token, password: "long enough pw" });
    expect(joined).toMatchObject({ tenantId: t.tenantId, role: "viewer" });
    expect(await authenticateUser(email, "long enough pw")).toMatchObject({ role: "viewer" });
    await expect(acceptInvitation({ token, password: "long enough pw" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses an expired invitation", async () => {
    const t = await seedTenant("exp");
    const { token } = await createInvitation({
      tenantId: t.tenantId,
      email: `late-${t.tenantId}@example.test`,
      role: "analyst",
      ttlMs: 1000,
      now: new Date("2020-01-01T00:00:00Z"),
    });
    await expect(acceptInvitation({ token, password: "long enough pw" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("changes roles within the tenant only and keeps the last owner", async () => {
    const a = await seedTenant("ra");
    const b = await seedTenant("rb");
    await expect(
      setMemberRole({ tenantId: b.tenantId, userId: a.userId, role: "viewer" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setMemberRole({ tenantId: a.tenantId, userId: a.userId, role: "viewer" }),
    ).rejects.toBeInstanceOf(ConflictError);
    const { token } = await createInvitation({
      tenantId: a.tenantId,
      email: `m-${a.tenantId}@example.test`,
      role: "viewer",
    });
    const joined = await acceptInvitation({ token, password: "long enough pw" });
    const changed = await setMemberRole({ tenantId: a.tenantId, userId: joined.userId, role: "analyst" });
    expect(changed).toMatchObject({ role: "analyst", previousRole: "viewer" });
    expect((await getMembership(joined.userId, a.tenantId))?.role).toBe("analyst");
  });
});
