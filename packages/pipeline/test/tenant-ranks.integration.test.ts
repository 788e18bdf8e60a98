import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  computeRanks,
  decodeSnapshot,
  DEFAULT_CLUSTERS,
  featuresFor,
  FEATURE_NAMES,
  type TRankSnapshot,
} from "@mlsec/core/rank";
import { expectSameRanks as expectRanksLike } from "@mlsec/core/test/rank/expect-same-ranks";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import {
  closeDb,
  createTenantWithOwner,
  createUpload,
  markUploadProgress,
  replaceRollups,
  setUploadStored,
} from "@mlsec/db";
import { getBytesOrNull, tenantRanksKey } from "@mlsec/storage";
import { loadLabelDayHistory } from "../src/label-day-history.ts";
import { refreshTenantRanks } from "../src/tenant-ranks.ts";
import { loadTenantRollups } from "../src/tenant-rollups.ts";

afterAll(closeDb);

const decay = { kind: "exponential" as const, halfLifeDays: 6, horizonDays: 30 };
const PROBES = ["198.51.100.7", "198.51.100.8", "203.0.113.5", "203.0.113.77", "2001:db8::1", "192.0.2.1"];

function row(day: string, ip: string, ports: number[], action: "block" | "allow" = "allow"): TIpDayRollup {
  const counts = Object.fromEntries(ports.map((p) => [String(p), 1]));
  return {
    day,
    ip,
    events: ports.length,
    distinctPorts: ports.length,
    ports: counts,
    blockedPorts: action === "block" ? counts : {},
    protocols: { tcp: ports.length },
    actions: { [action]: ports.length },
    firstSeen: `${day}T01:00:00.000Z`,
    lastSeen: `${day}T02:00:00.000Z`,
  };
}

/** An upload whose ingest finished: content key set, stage past ingest, rollups written. */
async function ingested(tenantId: string, rollups: TIpDayRollup[]) {
  const upload = await createUpload({ tenantId, filename: "fw.log" });
  const sha256 = randomUUID();
  await setUploadStored({ tenantId, id: upload.id, s3Key: `t/${upload.id}`, sizeBytes: 1, sha256 });
  await replaceRollups({ tenantId, sourceKey: sha256, rollups });
  await markUploadProgress({ tenantId, id: upload.id, stage: "rank", progress: 60 });
}

/** The reference: every rollup in the horizon re-read and merged, ranked from scratch. */
async function fullRecompute(tenantId: string, asOf: string) {
  const rollups = await loadTenantRollups({ tenantId, before: asOf });
  return computeRanks(rollups, { asOf, decay });
}

async function expectSameRanks(tenantId: string, asOf: string, got: TRankSnapshot) {
  expectRanksLike(got, await fullRecompute(tenantId, asOf), PROBES, ["ip", "v4/24", "v4/16", "v6/64"]);
}

async function newTenant() {
  const id = randomUUID().slice(0, 8);
  const created = await createTenantWithOwner({
    name: `rk-${id}`,
    email: `rk-${id}@example.test`,
    password: "correct horse battery",
  });
  return created.tenantId;
}

const scan = FEATURE_NAMES.indexOf("ip:port-scan");

describe("refreshTenantRanks (PostgreSQL + S3)", () => {
  it("extends the tenant's snapshot with only the changed days and equals a full recompute", async () => {
    const tenantId = await newTenant();
    const rank = (asOf: string, d = decay) =>
      refreshTenantRanks({ tenantId, rank: { asOf, decay: d, asn: null } });

    await ingested(tenantId, [
      row("2026-03-01", "198.51.100.7", [22], "block"),
      row("2026-03-02", "198.51.100.7", [10001, 10002, 10003]),
      row("2026-03-02", "203.0.113.5", [3389], "block"),
      row("2026-03-03", "2001:db8::1", [22], "block"),
    ]);
    const first = await rank("2026-03-04");
    expect(first.mode).toBe("full");
    expect(first.daysRead).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    expect(featuresFor(first.snapshot, "198.51.100.7")[scan]).toBe(0);
    await expectSameRanks(tenantId, "2026-03-04", first.snapshot);

    // A second upload brings a new day and, late, more of 2026-03-02: the same IP's other three
    // ports that day make it a port scan only once both uploads' rows are merged.
    await ingested(tenantId, [
      row("2026-03-02", "198.51.100.7", [10004, 10005, 10006]),
      row("2026-03-04", "203.0.113.77", [445], "block"),
    ]);
    const second = await rank("2026-03-05");
    expect(second.mode).toBe("incremental");
    expect(second.daysRead).toEqual(["2026-03-02", "2026-03-04"]);
    expect(featuresFor(second.snapshot, "198.51.100.7")[scan]).toBeCloseTo(2 ** (-3 / 6), 12);
    await expectSameRanks(tenantId, "2026-03-05", second.snapshot);

    // Nothing new: nothing re-read.
    const again = await rank("2026-03-05");
    expect(again).toMatchObject({ mode: "incremental", daysRead: [] });
    await expectSameRanks(tenantId, "2026-03-05", again.snapshot);

    // An older upload's as-of is computed from scratch and does not move the stored snapshot back.
    const older = await rank("2026-03-03");
    expect(older.mode).toBe("full");
    await expectSameRanks(tenantId, "2026-03-03", older.snapshot);
    const stored = await getBytesOrNull(tenantRanksKey(tenantId));
    expect(stored && decodeSnapshot(stored).snapshot.asOf).toBe("2026-03-05");

    // Changed settings invalidate the stored history.
    const other = { kind: "exponential" as const, halfLifeDays: 2, horizonDays: 30 };
    const rebuilt = await rank("2026-03-06", other);
    expect(rebuilt.mode).toBe("full");
    const reference = computeRanks(await loadTenantRollups({ tenantId, before: "2026-03-06" }), {
      asOf: "2026-03-06",
      decay: other,
    });
    expectRanksLike(rebuilt.snapshot, reference, PROBES);
  });

  it("re-reads a day whose upload was still ingesting when the snapshot was taken", async () => {
    const tenantId = await newTenant();
    await ingested(tenantId, [row("2026-04-01", "198.51.100.8", [22], "block")]);
    // Rows of an upload whose ingest has not finished (stage still "ingest") are read for a day new
    // to the window, but the upload is not yet counted as included ...
    const upload = await createUpload({ tenantId, filename: "slow.log" });
    const sha256 = randomUUID();
    await setUploadStored({ tenantId, id: upload.id, s3Key: `t/${upload.id}`, sizeBytes: 1, sha256 });
    await replaceRollups({
      tenantId,
      sourceKey: sha256,
      rollups: [row("2026-04-01", "192.0.2.1", [23], "block")],
    });
    const early = await refreshTenantRanks({ tenantId, rank: { asOf: "2026-04-02", decay, asn: null } });
    expect(early.mode).toBe("full");
    // ... so when it finishes with more rows for that day, the next stage re-reads the day.
    await replaceRollups({
      tenantId,
      sourceKey: sha256,
      rollups: [
        row("2026-04-01", "192.0.2.1", [23], "block"),
        row("2026-04-01", "203.0.113.5", [22], "block"),
      ],
    });
    await markUploadProgress({ tenantId, id: upload.id, stage: "rank", progress: 60 });
    const later = await refreshTenantRanks({ tenantId, rank: { asOf: "2026-04-02", decay, asn: null } });
    expect(later).toMatchObject({ mode: "incremental", daysRead: ["2026-04-01"] });
    expect(featuresFor(later.snapshot, "203.0.113.5")[0]).toBeGreaterThan(0);
    await expectSameRanks(tenantId, "2026-04-02", later.snapshot);
  });
});

describe("loadLabelDayHistory (PostgreSQL)", () => {
  it("gives the label days' merged rollups and the ranks as of each label day, as a full recompute would", async () => {
    const tenantId = await newTenant();
    await ingested(tenantId, [
      row("2026-05-01", "198.51.100.7", [22], "block"),
      row("2026-05-03", "198.51.100.7", [10001, 10002, 10003]),
      row("2026-05-04", "203.0.113.5", [3389], "block"),
      row("2026-05-05", "2001:db8::1", [22], "block"),
    ]);
    // A second upload splits a port scan over 2026-05-03 with the first.
    await ingested(tenantId, [
      row("2026-05-03", "198.51.100.7", [10004, 10005, 10006]),
      row("2026-05-06", "203.0.113.77", [445], "block"),
    ]);
    const asOf = "2026-05-07";
    const { rollups, snapshots } = await loadLabelDayHistory({
      tenantId,
      asOf,
      labelDays: 3,
      rank: { decay, clusters: DEFAULT_CLUSTERS, asn: null },
    });
    const all = await loadTenantRollups({ tenantId, before: asOf });
    const key = (r: TIpDayRollup) => `${r.day}|${r.ip}`;
    expect(rollups.map(key).sort()).toEqual(
      all
        .filter((r) => r.day >= "2026-05-04")
        .map(key)
        .sort(),
    );
    expect([...snapshots.keys()]).toEqual(["2026-05-04", "2026-05-05", "2026-05-06"]);
    for (const [label, snapshot] of snapshots)
      expectRanksLike(snapshot, computeRanks(all, { asOf: label, decay }), PROBES);
    expect(
      featuresFor(snapshots.get("2026-05-04") ?? computeRanks([], { asOf }), "198.51.100.7")[scan],
    ).toBeCloseTo(2 ** (-1 / 6), 12);
  });
});
