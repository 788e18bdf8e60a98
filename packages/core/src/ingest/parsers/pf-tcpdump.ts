import { NOT_THIS_FORMAT } from "../outcome.ts";
import { TIME_INVALID, parseTimeText } from "../parse-time.ts";
import { parsePort, setDestination, setSource } from "../set-address.ts";
import type { TLineParser } from "./line-parser.ts";

// OpenBSD `tcpdump -n -e -ttt -r /var/log/pflog`:
//   Mar 15 09:52:24.524419 rule 2/(match) block in on em0: 198.51.100.9.41234 > 192.0.2.1.22: S 1:1(0) win 16384
// Older releases print "rule 2/0(match): block in on em0: ...". Addresses carry the port after
// the last dot (IPv4) or dot (IPv6), ICMP has none.
const LINE = /rule [^ ]*\(\w+\):? (pass|block|match|scrub|nat|rdr)\S* (in|out) on [^:\s]+: (.*)$/;
const ENDPOINTS = /^(\S+) > (\S+?):(?: (.*))?$/;

function splitEndpoint(text: string): [string, string | undefined] {
  const dot = text.lastIndexOf(".");
  const colons = text.includes(":");
  // IPv4 "a.b.c.d.port" has four dots; IPv6 "2001:db8::1.22" has one. Without a port: as is.
  const dots = text.split(".").length - 1;
  if (
    dot > 0 &&
    ((!colons && dots === 4) ||
      (colons && dots >= 1 && /\.\d+$/.test(text) && !/\d+\.\d+\.\d+\.\d+$/.test(text)))
  ) {
    return [text.slice(0, dot), text.slice(dot + 1)];
  }
  return [text, undefined];
}

function protocolOf(rest: string | undefined, hasPorts: boolean): string {
  if (!rest) return "";
  if (/^icmp6?\b/.test(rest)) return rest.startsWith("icmp6") ? "icmpv6" : "icmp";
  if (/^udp\b/.test(rest)) return "udp";
  if (/^[SFRPUEW.]+ /.test(rest) || /^\. ack\b/.test(rest)) return "tcp";
  return hasPorts ? "udp" : "";
}

export const pfTcpdumpParser: TLineParser = {
  format: "pf",
  sniff: (line) => line.includes(" rule ") && line.includes("(match)"),
  parse(line, ctx, out) {
    const m = LINE.exec(line);
    if (!m?.[1] || !m[3]) return NOT_THIS_FORMAT;
    const t = parseTimeText(line, 0, ctx);
    if (Number.isNaN(t)) return "missing-timestamp";
    if (t === TIME_INVALID) return "invalid-timestamp";
    const ep = ENDPOINTS.exec(m[3]);
    if (!ep?.[1] || !ep[2]) return "malformed-message";
    const [src, sport] = splitEndpoint(ep[1]);
    const [dst, dport] = splitEndpoint(ep[2]);
    if (!setSource(out, src) || !setDestination(out, dst)) return "invalid-address";
    out.srcPort = parsePort(sport);
    out.dstPort = parsePort(dport);
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    out.timeMs = t;
    out.proto = protocolOf(ep[3], dport !== undefined);
    out.action = m[1] === "pass" ? "allow" : "block";
    const iface = /on ([^:\s]+):/.exec(line);
    out.sensor = iface?.[1] ?? "";
    return null;
  },
};
