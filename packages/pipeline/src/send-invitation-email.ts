import nodemailer from "nodemailer";
import { loadNotifyEnv, type TNotifyEnv } from "@mlsec/config";
import { invitationForEmail } from "@mlsec/db";

/** The accept page's address for a token: the link the email carries. */
export const invitationUrl = (portalUrl: string, token: string): string =>
  `${portalUrl.replace(/\/$/, "")}/invite/${encodeURIComponent(token)}`;

/**
 * Emails an invitation's accept link to the invited address, when SMTP is configured. Nothing is
 * sent for an invitation that was accepted, expired, or whose token does not match (a stale job).
 */
export async function sendInvitationEmail(
  opts: { tenantId: string; invitationId: string; token: string },
  env: TNotifyEnv = loadNotifyEnv(),
): Promise<"sent" | "skipped"> {
  if (!env.SMTP_URL) return "skipped";
  const invitation = await invitationForEmail(opts);
  if (!invitation) return "skipped";
  const link = invitationUrl(env.PORTAL_URL, opts.token);
  const transport = nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({
      from: env.SMTP_FROM,
      to: invitation.email,
      subject: `mlsec: you are invited to ${invitation.organisation}`,
      text: [
        `You are invited to join ${invitation.organisation} on mlsec as ${invitation.role}.`,
        "",
        `Accept the invitation (sign up, or join with your existing account): ${link}`,
        "",
        `The link works once and expires ${invitation.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
        "If you did not expect this, ignore this email.",
      ].join("\n"),
    });
  } finally {
    transport.close();
  }
  return "sent";
}
