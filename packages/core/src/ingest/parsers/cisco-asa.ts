import { NOT_THIS_FORMAT } from "../outcome.ts";
import { TIME_INVALID } from "../parse-time.ts";
import { normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import { parseSyslogHeader } from "../syslog-header.ts";
import type { TLineParser } from "./line-parser.ts";

/**
 * Cisco ASA / FTD syslog messages that name a hostile source, layouts as in Cisco's
 * "Syslog Messages" guide. Other message ids are well-formed but carry no event ("not-an-event").
 */
const ADDR = String.raw`([0-9A-Fa-f:.]+)`;
const PATTERNS: Record<string, RegExp> = {
  // Inbound TCP connection denied from 10.0.0.1/1234 to 10.0.0.2/80 flags SYN on interface outside
  "106001": new RegExp(String.raw`^Inbound (\w+) connection denied from ${ADDR}/(\d+) to ${ADDR}/(\d+)`),
  // Deny inbound UDP from 10.0.0.1/53 to 10.0.0.2/1234 on interface outside
  "106006": new RegExp(String.raw`^Deny inbound (\w+) from ${ADDR}/(\d+) to ${ADDR}/(\d+)`),
  // Deny inbound UDP from 10.0.0.1/53 to 10.0.0.2/1234 due to DNS Response
  "106007": new RegExp(String.raw`^Deny inbound (\w+) from ${ADDR}/(\d+) to ${ADDR}/(\d+)`),
  // Deny inbound icmp src outside:10.0.0.1 dst inside:10.0.0.2 (type 8, code 0)
  "106014": new RegExp(
    String.raw`^Deny inbound (icmp6?) src [^:\s]+:\s?${ADDR}(?: \S+)? dst [^:\s]+:\s?${ADDR}`,
    "i",
  ),
  // Deny TCP (no connection) from 10.0.0.1/1234 to 10.0.0.2/80 flags RST on interface outside
  "106015": new RegExp(String.raw`^Deny (\w+) \(no connection\) from ${ADDR}/(\d+) to ${ADDR}/(\d+)`),
  // Deny tcp src outside:10.0.0.1/1234 dst inside:10.0.0.2/80 by access-group "acl" [0x0, 0x0]
  "106023": new RegExp(
    String.raw`^Deny (\w+) src [^:\s]+:${ADDR}(?:/(\d+))?(?: \([^)]*\))? dst [^:\s]+:${ADDR}(?:/(\d+))?`,
  ),
  // access-list acl permitted tcp outside/10.0.0.1(1234) -> inside/10.0.0.2(80) hit-cnt 1 first hit
  "106100": new RegExp(
    String.raw`^access-list \S+ (permitted|denied|est-allowed) (\w+) [^/\s]+/${ADDR}\((\d+)\)(?: \([^)]*\))? -> [^/\s]+/${ADDR}\((\d+)\)`,
  ),
  // TCP access denied by ACL from 10.0.0.1/1234 to outside:10.0.0.2/22
  "710003": new RegExp(String.raw`^(\w+) access denied by ACL from ${ADDR}/(\d+) to [^:\s]+:${ADDR}/(\d+)`),
  // Host 10.0.0.1 is attacking. Current burst rate is ...
  "733101": new RegExp(String.raw`^Host ${ADDR} is attacking`),
};

export const ciscoAsaParser: TLineParser = {
  format: "cisco-asa",
  sniff: (line) => line.includes("%ASA-") || line.includes("%FTD-"),
  parse(line, ctx, out) {
    const tag = /%(?:ASA|FTD)-(?:\w+-)?\d-(\d{6}):\s*/.exec(line);
    if (!tag?.[1]) return NOT_THIS_FORMAT;
    const pattern = PATTERNS[tag[1]];
    if (!pattern) return "not-an-event";
    const head = parseSyslogHeader(line, ctx);
    if (Number.isNaN(head.timeMs)) return "missing-timestamp";
    if (head.timeMs === TIME_INVALID) return "invalid-timestamp";
    const msg = line.slice(tag.index + tag[0].length);
    const m = pattern.exec(msg);
    if (!m) return /^Subnet |is targeted/.test(msg) ? "not-an-event" : "malformed-message";
    out.timeMs = head.timeMs;
    out.sensor = head.host;
    out.action = "block";
    let src: string | undefined;
    let dst: string | undefined;
    let sport: string | undefined;
    let dport: string | undefined;
    switch (tag[1]) {
      case "106014":
        out.proto = normaliseProto(m[1]);
        [src, dst] = [m[2], m[3]];
        break;
      case "106100":
        out.action = m[1] === "denied" ? "block" : "allow";
        out.proto = normaliseProto(m[2]);
        [src, sport, dst, dport] = [m[3], m[4], m[5], m[6]];
        break;
      case "733101":
        // Threat detection names only the attacker; no port or protocol.
        out.action = "alert";
        src = m[1];
        break;
      default:
        out.proto = normaliseProto(m[1]);
        [src, sport, dst, dport] = [m[2], m[3], m[4], m[5]];
    }
    if (src === undefined || !setSource(out, src)) return "invalid-address";
    if (dst !== undefined && !setDestination(out, dst)) return "invalid-address";
    out.srcPort = parsePort(sport);
    out.dstPort = parsePort(dport);
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    return null;
  },
};
