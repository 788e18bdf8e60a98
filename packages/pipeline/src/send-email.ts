import nodemailer from "nodemailer";
import { loadNotifyEnv, type TNotifyEnv } from "@mlsec/config";
import { reportReadyMessage } from "./report-ready-message.ts";

type TSummary = { flagged?: number; sources?: number; buckets?: { block?: number; review?: number } };

/** Emails the tenant's notification address that a report is ready, when SMTP is configured. */
export async function sendReportEmail(
  opts: { tenantId: string; uploadId: string },
  env: TNotifyEnv = loadNotifyEnv(),
): Promise<"sent" | "skipped"> {
  if (!env.SMTP_URL) return "skipped";
  const ready = await reportReadyMessage(opts, env.PORTAL_URL);
  if (!ready?.tenant.notifyEmail) return "skipped";
  const m = ready.message;
  const s = (m.summary ?? {}) as TSummary;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.SMTP_FROM,
      to: ready.tenant.notifyEmail,
      subject: `mlsec: report ready for ${m.filename} (${s.flagged ?? 0} flagged)`,
      text: [
        `The report for ${m.filename} is ready.`,
        "",
        `Source IPs: ${s.sources ?? "?"}; flagged malicious: ${s.flagged ?? "?"}`,
        `To block: ${s.buckets?.block ?? "?"}; worth an analyst's time: ${s.buckets?.review ?? "?"}`,
        "",
        `Open it: ${m.reportUrl}`,
      ].join("\n"),
    });
  } finally {
    transport.close();
  }
  return "sent";
}
