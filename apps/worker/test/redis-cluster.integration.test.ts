import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, hashTagged, openQueues, queuePrefix, type TQueues } from "@mlsec/jobs";
import { ownRedisCluster, type TOwnCluster } from "../../../test/own-redis-cluster.ts";
import { faultLog, outcome, settle, submit, testPrefix, workerPool } from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #21: BullMQ on a Redis Cluster. Its scripts touch several keys of a queue at once, which a
// cluster allows only within one hash slot, so REDIS_CLUSTER_NODES hash-tags the prefix ({...}).
// An upload goes through the whole chain on a three-node cluster with a real worker process.
let cluster: TOwnCluster | null = null;
let queues: TQueues | null = null;
let pool: ReturnType<typeof workerPool> | null = null;
const prefix = testPrefix("cluster");

afterAll(async () => {
  await pool?.killAll();
  await queues?.close();
  await cluster?.stop();
  await closeDb();
});

describe("Redis Cluster", () => {
  it("runs an upload end to end on three nodes, each queue's keys in one slot", async () => {
    cluster = await ownRedisCluster();
    const env = {
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: prefix,
      REDIS_CLUSTER_NODES: cluster.nodes,
    };
    expect(queuePrefix(env)).toBe(`{${prefix}}`);
    queues = openQueues(createConnection(env), queuePrefix(env));
    pool = workerPool({ REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: prefix, TRAIN_MAX_ROWS: "1000" });
    await pool.start();
    const t = await seedTenant("redis-cluster");
    const id = await submit(queues, t.tenantId, "fw.log", faultLog());

    const done = await settle(t.tenantId, id, 150_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    const o = await outcome(t.tenantId, id);
    expect(o.rollups.events).toBe(done.events);
    expect(o.report.ips.length).toBeGreaterThan(0);

    // The chain's queues left their keys on the cluster, all under the one hash tag, so on one node.
    const byNode = await cluster.keysByNode(`${hashTagged(prefix)}:*`);
    const holding = [...byNode].filter(([, keys]) => keys.length > 0);
    const queuesSeen = new Set(holding.flatMap(([, keys]) => keys.map((k) => k.split(":")[1])));
    console.log(
      `[redis-cluster] ${cluster.nodes}: keys on ${holding.map(([p, k]) => `${p} (${k.length})`).join(", ")}`,
    );
    expect(holding).toHaveLength(1);
    for (const q of ["ingest", "rank", "train", "report"]) expect(queuesSeen.has(q), q).toBe(true);
    const w = pool.children[0];
    expect(w?.child.exitCode, w?.output()).toBeNull();
  });
});
