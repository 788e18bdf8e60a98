import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getDb, saveReport, setNotificationSettings } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { sendReportWebhook } from "../src/send-webhook.ts";

// A real receiver that checks the signature as a tenant's would, with the secret the tenant chose.
const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    deliveries.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
const LOOPBACK_ALLOWED = { WEBHOOK_ALLOW_CIDRS: ["127.0.0.0/8"] };

beforeAll(() => new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r)));
afterAll(async () => {
  receiver.close();
  await closeDb();
});

async function tenantWithSecret(secret: string | null, legacy?: string) {
  const t = await seedTenant("sealed-hook");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await setNotificationSettings({
    tenantId: t.tenantId,
    webhookUrl: url,
    webhookSecret: secret,
    notifyEmail: null,
  });
  // A secret saved before sealing, where migration 20261214090000 left it.
  if (legacy)
    await getDb().$executeRaw`UPDATE "Tenant" SET "webhookSecretLegacy" = ${legacy} WHERE id = ${t.tenantId}`;
  const upload = await createUpload({ tenantId: t.tenantId, filename: "fw.log" });
  await saveReport({
    tenantId: t.tenantId,
    uploadId: upload.id,
    s3Key: "unused",
    modelId: null,
    summary: {},
  });
  return { tenantId: t.tenantId, uploadId: upload.id };
}

const expectedSignature = (secret: string, headers: IncomingHttpHeaders, body: string) =>
  `v1=${createHmac("sha256", secret)
    .update(`${String(headers["x-mlsec-timestamp"])}.${body}`)
    .digest("hex")}`;

describe("webhook signing with a secret sealed at rest", () => {
  it("signs with the tenant's secret although the database row holds only its sealed form", async () => {
    const secret = `whsec-${randomBytes(16).toString("hex")}`;
    const job = await tenantWithSecret(secret);
    const row = await getDb().$queryRaw<{ row: string }[]>`
      SELECT row_to_json(t)::text AS row FROM "Tenant" t WHERE id = ${job.tenantId}`;
    expect(row[0]?.row).not.toContain(secret);
    deliveries.length = 0;
    expect(await sendReportWebhook(job, LOOPBACK_ALLOWED)).toBe("sent");
    expect(deliveries).toHaveLength(1);
    const [d] = deliveries;
    expect(d?.headers["x-mlsec-signature"]).toBe(expectedSignature(secret, d?.headers ?? {}, d?.body ?? ""));
    expect(d?.headers["x-mlsec-signature"]).not.toBe(
      expectedSignature("wrong", d?.headers ?? {}, d?.body ?? ""),
    );
  });

  it("still signs with a plaintext secret stored before sealing", async () => {
    const job = await tenantWithSecret(null, "legacy-secret-before-sealing");
    deliveries.length = 0;
    expect(await sendReportWebhook(job, LOOPBACK_ALLOWED)).toBe("sent");
    const [d] = deliveries;
    expect(d?.headers["x-mlsec-signature"]).toBe(
      expectedSignature("legacy-secret-before-sealing", d?.headers ?? {}, d?.body ?? ""),
    );
  });
});
