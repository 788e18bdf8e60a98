import { createHmac } from "node:crypto";
import { reportReadyMessage } from "./report-ready-message.ts";

/**
 * Signs `${timestamp}.${body}` with HMAC-SHA256 under the tenant's webhook secret, in the manner of
 * Stripe and GitHub: the receiver recomputes it to know the body came from us, and checks the
 * timestamp to refuse replays.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** POSTs the report-ready message to the tenant's webhook; a non-2xx answer throws so the job retries. */
export async function sendReportWebhook(opts: {
  tenantId: string;
  uploadId: string;
}): Promise<"sent" | "skipped"> {
  const ready = await reportReadyMessage(opts);
  if (!ready?.tenant.webhookUrl) return "skipped";
  const body = JSON.stringify({ ...ready.message, sentAt: new Date().toISOString() });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "mlsec-webhook/1",
    "x-mlsec-event": "report.ready",
    "x-mlsec-timestamp": String(timestamp),
  };
  if (ready.tenant.webhookSecret)
    headers["x-mlsec-signature"] = signWebhook(ready.tenant.webhookSecret, timestamp, body);
  const res = await fetch(ready.tenant.webhookUrl, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  return "sent";
}
