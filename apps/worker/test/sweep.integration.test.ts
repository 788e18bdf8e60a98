import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getDb, getUpload } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { sweepSilentUploads } from "../src/stages/sweep.ts";

afterAll(closeDb);

describe("the silent-upload sweep", () => {
  it("fails an upload whose stage stopped heart-beating and leaves a live one alone", async () => {
    const t = await seedTenant("sweep");
    const stuck = await createUpload({ tenantId: t.tenantId, filename: "a.log" });
    const live = await createUpload({ tenantId: t.tenantId, filename: "b.log" });
    const hourAgo = new Date(Date.now() - 3600_000);
    await getDb().upload.update({
      where: { id: stuck.id },
      data: { status: "processing", stage: "rank", heartbeatAt: hourAgo },
    });
    await getDb().upload.update({
      where: { id: live.id },
      data: { status: "processing", stage: "rank", heartbeatAt: new Date() },
    });
    expect(await sweepSilentUploads(15 * 60_000)).toBeGreaterThanOrEqual(1);
    const after = await getUpload({ tenantId: t.tenantId, id: stuck.id });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/no progress from the rank stage/);
    expect((await getUpload({ tenantId: t.tenantId, id: live.id })).status).toBe("processing");
  });
});
