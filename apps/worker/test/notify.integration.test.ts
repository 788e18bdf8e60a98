import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { Worker } from "bullmq";
import { createSmtpSink } from "@mlsec/pipeline/test/smtp-sink";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, createUpload, getUpload, setNotificationSettings, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueStage, openQueues } from "@mlsec/jobs";
import { sendReportEmail, signWebhook } from "@mlsec/pipeline";
import { putStream, uploadKey } from "@mlsec/storage";
import { STAGE_HANDLERS } from "../src/stages/index.ts";
import { startWorkers } from "../src/workers.ts";

// A webhook receiver and an SMTP server of the test's own, on loopback.
const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
const webhook = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    hooks.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
const smtp = createSmtpSink();
const { mails } = smtp;
let smtpUrl = "";
const queues = openQueues(createConnection(), `test-notify-${randomUUID()}`);
let workers: Worker[] = [];
const port = (s: { address(): AddressInfo | string | null }) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  // The receiver is on loopback, which the webhook guard refuses: open it as an operator would.
  vi.stubEnv("WEBHOOK_ALLOW_CIDRS", "127.0.0.0/8");
  await new Promise<void>((r) => webhook.listen(0, "127.0.0.1", r));
  smtpUrl = await smtp.listen();
  workers = startWorkers(STAGE_HANDLERS, queues, { concurrency: 1, trainMode: "inline" });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all(workers.map((w) => w.close()));
  await queues.close();
  webhook.close();
  await smtp.close();
  await closeDb();
});

const LOG = [
  "Oct  3 10:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=45.148.10.1 DST=198.51.100.10 LEN=40 PROTO=TCP SPT=5000 DPT=22 WINDOW=1024 SYN URGP=0",
  "Oct  3 11:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=80.82.77.33 DST=198.51.100.10 LEN=40 PROTO=TCP SPT=5000 DPT=3389 WINDOW=1024 SYN URGP=0",
  "",
].join("\n");

describe("report-ready notifications", () => {
  it("POSTs a signed webhook when the report is ready, and emails the tenant's address", async () => {
    const t = await seedTenant("notify");
    const secret = "whsec-test-secret";
    await setNotificationSettings({
      tenantId: t.tenantId,
      webhookUrl: `http://127.0.0.1:${port(webhook)}/hook`,
      webhookSecret: secret,
      notifyEmail: "soc@example.test",
    });
    const upload = await createUpload({ tenantId: t.tenantId, filename: "fw.log" });
    const stored = await putStream({
      key: uploadKey(t.tenantId, upload.id, "fw.log"),
      body: Readable.from([LOG]),
    });
    await setUploadStored({
      tenantId: t.tenantId,
      id: upload.id,
      s3Key: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    });
    await enqueueStage(queues, "ingest", { tenantId: t.tenantId, uploadId: upload.id });

    const until = Date.now() + 90_000;
    while (!hooks.some((h) => h.body.includes(upload.id))) {
      if (Date.now() > until) throw new Error("no webhook arrived");
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await getUpload({ tenantId: t.tenantId, id: upload.id })).status).toBe("done");
    const hook = hooks.find((h) => h.body.includes(upload.id));
    const body = hook?.body ?? "";
    const payload = JSON.parse(body) as { event: string; uploadId: string; reportUrl: string };
    expect(payload).toMatchObject({ event: "report.ready", uploadId: upload.id });
    expect(payload.reportUrl).toMatch(new RegExp(`/uploads/${upload.id}/report$`));
    const timestamp = Number(hook?.headers["x-mlsec-timestamp"]);
    expect(hook?.headers["x-mlsec-signature"]).toBe(signWebhook(secret, timestamp, body));
    expect(hook?.headers["x-mlsec-signature"]).not.toBe(signWebhook("another-secret", timestamp, body));

    const env = {
      SMTP_URL: smtpUrl,
      SMTP_FROM: "mlsec <noreply@example.test>",
      PORTAL_URL: "https://mlsec.example",
    };
    expect(await sendReportEmail({ tenantId: t.tenantId, uploadId: upload.id }, env)).toBe("sent");
    const mail = mails.at(-1);
    expect(mail?.to).toEqual(["soc@example.test"]);
    expect(mail?.text).toContain(`https://mlsec.example/uploads/${upload.id}/report`);
    expect(
      await sendReportEmail({ tenantId: t.tenantId, uploadId: upload.id }, { ...env, SMTP_URL: undefined }),
    ).toBe("skipped");
  });
});
