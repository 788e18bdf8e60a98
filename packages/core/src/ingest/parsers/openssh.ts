import { TIME_INVALID } from "../parse-time.ts";
import { parsePort, setSource } from "../set-address.ts";
import { parseSyslogHeader } from "../syslog-header.ts";
import type { TLineParser } from "./line-parser.ts";

// The three OpenSSH failure messages (auth.log / secure). "Failed <method> for" covers
// password, publickey and keyboard-interactive failures, with or without "invalid user".
const FAILURES = [
  /Failed \S+ for (?:invalid user )?.*? from (\S+) port (\d+)/,
  /Invalid user .*? from (\S+)(?: port (\d+))?\s*$/,
  /Connection closed by (?:authenticating|invalid) user .*? (\S+) port (\d+)/,
];

/**
 * OpenSSH sshd failures as auth-failure events on port 22 (the log does not say which port sshd
 * listened on). Note that one attempt by an unknown user logs both "Invalid user" and "Failed
 * password for invalid user": each line counts, as each is a separate log record.
 */
export const opensshParser: TLineParser = {
  format: "openssh",
  sniff: (line) => line.includes("sshd[") || line.includes("sshd:") || line.includes("sshd-session["),
  parse(line, ctx, out) {
    const head = parseSyslogHeader(line, ctx);
    if (Number.isNaN(head.timeMs)) return "missing-timestamp";
    if (head.timeMs === TIME_INVALID) return "invalid-timestamp";
    const msg = line.slice(head.rest);
    for (const re of FAILURES) {
      const m = re.exec(msg);
      if (!m?.[1]) continue;
      if (!setSource(out, m[1])) return "invalid-address";
      out.srcPort = parsePort(m[2]);
      if (out.srcPort === -2) return "invalid-port";
      out.timeMs = head.timeMs;
      out.sensor = head.host;
      out.dstPort = 22;
      out.proto = "tcp";
      out.action = "auth-failure";
      return null;
    }
    return "not-an-event";
  },
};
