import { createHmac } from "node:crypto";
import { loadWebhookEnv, type TWebhookEnv } from "@mlsec/config";
import { reportReadyMessage } from "./report-ready-message.ts";
import { postToVetted, UnsafeDestinationError, vetDestination } from "./safe-destination.ts";

/**
 * Signs `${timestamp}.${body}` with HMAC-SHA256 under the tenant's webhook secret, in the manner of
 * Stripe and GitHub: the receiver recomputes it to know the body came from us, and checks the
 * timestamp to refuse replays.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POSTs the report-ready message to the tenant's webhook. The host is resolved and vetted
 * (safe-destination.ts) on every send and the request goes to the vetted address; a refused
 * destination or a redirect throws UnsafeDestinationError (permanent: the job is not retried), any
 * other non-2xx answer a plain error so the job retries.
 */
export async function sendReportWebhook(
  opts: { tenantId: string; uploadId: string },
  env: TWebhookEnv = loadWebhookEnv(),
): Promise<"sent" | "skipped"> {
  const ready = await reportReadyMessage(opts);
  if (!ready?.tenant.webhookUrl) return "skipped";
  const dest = await vetDestination(ready.tenant.webhookUrl, env);
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
  const res = await postToVetted(dest, { headers, body, timeoutMs: 10_000 });
  // A redirect could point anywhere (127.0.0.1 included) and would skip the vetting: never followed.
  if (res.status >= 300 && res.status < 400)
    throw new UnsafeDestinationError(
      `webhook answered ${res.status} (redirect to ${res.headers.location ?? "nowhere"}): redirects are not followed`,
    );
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  return "sent";
}
