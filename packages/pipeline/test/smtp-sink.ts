import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TReceivedMail = { to: string[]; text: string };

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it receives, for tests of what the
 * platform mails (report-ready notices, invitations). `listen(0)` picks a free port.
 */
export function createSmtpSink() {
  const mails: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
        done();
      });
    },
  });
  return {
    mails,
    /** Starts listening; resolves with the SMTP_URL to hand the sender. */
    listen: async (port = 0): Promise<string> => {
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      return `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
    /** The first message to `address`, waiting for it up to `timeoutMs`. */
    mailTo: async (address: string, timeoutMs = 60_000): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = mails.find((m) => m.to.includes(address));
        if (mail) return mail.text;
        if (Date.now() > deadline) throw new Error(`no mail reached ${address}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}
