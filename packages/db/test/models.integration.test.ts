import { afterAll, describe, expect, it } from "vitest";
import {
  activateModelVersion,
  closeDb,
  getActiveModel,
  listModels,
  NotFoundError,
  registerModel,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("model registry", () => {
  it("numbers versions per tenant, keeps one active, and rolls back to any version", async () => {
    const t = await seedTenant("models");
    const other = await seedTenant("models-other");
    const v1 = await registerModel({
      tenantId: t.tenantId,
      s3Key: "k1",
      metrics: { auc: 0.9 },
      promote: true,
    });
    const v2 = await registerModel({
      tenantId: t.tenantId,
      s3Key: "k2",
      metrics: { auc: 0.95 },
      promote: true,
    });
    // A worse candidate is stored but not promoted.
    const v3 = await registerModel({
      tenantId: t.tenantId,
      s3Key: "k3",
      metrics: { auc: 0.7 },
      promote: false,
    });
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v3.status).toBe("candidate");
    expect((await getActiveModel(t.tenantId))?.version).toBe(2);
    expect(await getActiveModel(other.tenantId)).toBeNull();

    await activateModelVersion({ tenantId: t.tenantId, version: 1 });
    expect((await getActiveModel(t.tenantId))?.version).toBe(1);
    const statuses = (await listModels(t.tenantId)).map((m) => [m.version, m.status]);
    expect(statuses).toEqual([
      [3, "candidate"],
      [2, "retired"],
      [1, "active"],
    ]);
    await expect(activateModelVersion({ tenantId: other.tenantId, version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
