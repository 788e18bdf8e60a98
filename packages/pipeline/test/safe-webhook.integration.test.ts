import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, saveReport, setNotificationSettings } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { sendReportWebhook } from "../src/send-webhook.ts";
import {
  postToVetted,
  UnsafeDestinationError,
  vetDestination,
  webhookUrlRefusal,
} from "../src/safe-destination.ts";

// Real listeners on loopback: `inner` stands for what a tenant must never reach (our Redis,
// PostgreSQL, metadata), `redirector` for an allowed receiver that answers with a redirect to it.
const received: string[] = [];
const inner = createServer((req, res) => {
  received.push(`${req.method} ${req.url}`);
  res.writeHead(204).end();
});
let redirectTo = "";
const redirector = createServer((req, res) => {
  req.resume();
  res.writeHead(307, { location: redirectTo }).end();
});
const portOf = (s: Server) => (s.address() as AddressInfo).port;
const GUARDED = { WEBHOOK_ALLOW_CIDRS: [] };
const LOOPBACK_ALLOWED = { WEBHOOK_ALLOW_CIDRS: ["127.0.0.0/8"] };

beforeAll(async () => {
  await new Promise<void>((r) => inner.listen(0, "127.0.0.1", r));
  // On 127.0.0.2, so that an allowlist of only that address lets the redirector through but not 127.0.0.1.
  await new Promise<void>((r) => redirector.listen(0, "127.0.0.2", r));
  redirectTo = `http://127.0.0.1:${portOf(inner)}/after-redirect`;
});
afterAll(async () => {
  inner.close();
  redirector.close();
  await closeDb();
});

/** A tenant with a finished report whose stored webhook URL is `url` (set past the save-time check). */
async function tenantWithWebhook(url: string) {
  const t = await seedTenant("ssrf");
  await setNotificationSettings({
    tenantId: t.tenantId,
    webhookUrl: url,
    webhookSecret: "whsec-ssrf",
    notifyEmail: null,
  });
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

describe("webhook SSRF guard at send time", () => {
  it("does not POST to a loopback listener while the guard is on, and does when the operator allows 127.0.0.0/8", async () => {
    const job = await tenantWithWebhook(`http://127.0.0.1:${portOf(inner)}/hook`);
    received.length = 0;
    const refused = await sendReportWebhook(job, GUARDED).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnsafeDestinationError);
    expect((refused as Error).message).toBe("webhook refused: 127.0.0.1 is loopback");
    expect(received).toEqual([]);

    expect(await sendReportWebhook(job, LOOPBACK_ALLOWED)).toBe("sent");
    expect(received).toEqual(["POST /hook"]);
  });

  it("refuses a name that resolves to loopback (localhost), with the guard on", async () => {
    const job = await tenantWithWebhook(`http://localhost:${portOf(inner)}/hook`);
    received.length = 0;
    await expect(sendReportWebhook(job, GUARDED)).rejects.toThrow(/localhost is loopback/);
    expect(received).toEqual([]);
  });

  it("refuses a name if any address it resolves to is disallowed, and connects to the vetted address", async () => {
    const twoFaced = () =>
      Promise.resolve([
        { address: "93.184.215.14", family: 4 },
        { address: "10.0.0.5", family: 4 },
      ]);
    await expect(vetDestination("https://hooks.example.com/x", GUARDED, twoFaced)).rejects.toThrow(
      "webhook refused: hooks.example.com resolves to 10.0.0.5, which is private (RFC 1918)",
    );
    // DNS rebinding: the name is resolved once, and the request goes to what was vetted then.
    const pinned = await vetDestination("http://rebind.example/x", GUARDED, () =>
      Promise.resolve([{ address: "93.184.215.14", family: 4 }]),
    );
    expect(pinned.address).toBe("93.184.215.14");
    // And the connection goes to the vetted address, not to a second resolution of the name
    // (rebind.invalid resolves nowhere, so only the pinned address can have reached the listener).
    received.length = 0;
    const vetted = await vetDestination(
      `http://rebind.invalid:${portOf(inner)}/pinned`,
      LOOPBACK_ALLOWED,
      () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]),
    );
    expect(await postToVetted(vetted, { headers: {}, body: "{}", timeoutMs: 5000 })).toMatchObject({
      status: 204,
    });
    expect(received).toEqual(["POST /pinned"]);
  });

  it("does not follow a redirect from an allowed receiver to 127.0.0.1: the delivery fails with the reason", async () => {
    const job = await tenantWithWebhook(`http://127.0.0.2:${portOf(redirector)}/hook`);
    received.length = 0;
    const err = await sendReportWebhook(job, { WEBHOOK_ALLOW_CIDRS: ["127.0.0.2/32"] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnsafeDestinationError);
    expect((err as Error).message).toBe(
      `webhook answered 307 (redirect to ${redirectTo}): redirects are not followed`,
    );
    expect(received).toEqual([]);
  });

  it("says why at save time, for every address form the issue lists", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.1:6379/",
      "http://localhost:5432/",
      "http://[::1]/",
      "http://0.0.0.0/",
      "http://2130706433/",
    ])
      expect(await webhookUrlRefusal(url, GUARDED), url).toMatch(/^webhook refused: /);
    const resolvesPrivate = () => Promise.resolve([{ address: "192.168.1.10", family: 4 }]);
    expect(await webhookUrlRefusal("https://intranet.example/h", GUARDED, resolvesPrivate)).toBe(
      "webhook refused: intranet.example resolves to 192.168.1.10, which is private (RFC 1918)",
    );
    const resolvesPublic = () => Promise.resolve([{ address: "93.184.215.14", family: 4 }]);
    expect(await webhookUrlRefusal("https://siem.example/hook", GUARDED, resolvesPublic)).toBeNull();
  });
});
