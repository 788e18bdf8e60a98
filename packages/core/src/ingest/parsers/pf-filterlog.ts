import { TIME_INVALID } from "../parse-time.ts";
import { normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import { parseSyslogHeader } from "../syslog-header.ts";
import type { TLineParser } from "./line-parser.ts";

// pfSense / OPNsense `filterlog` CSV (Netgate "Raw Filter Log Format"):
//   rule,sub-rule,anchor,tracker,interface,reason,action,direction,ip-version,...
//   IPv4: tos,ecn,ttl,id,offset,flags,proto-id,proto-text,length,src,dst[,sport,dport,...]
//   IPv6: class,flow-label,hop-limit,proto-text,proto-id,length,src,dst[,sport,dport,...]
export const pfFilterlogParser: TLineParser = {
  format: "pf-filterlog",
  sniff: (line) => line.includes("filterlog"),
  parse(line, ctx, out) {
    const head = parseSyslogHeader(line, ctx);
    if (Number.isNaN(head.timeMs)) return "missing-timestamp";
    if (head.timeMs === TIME_INVALID) return "invalid-timestamp";
    // BSD syslog "filterlog[123]: CSV" or RFC 5424 "filterlog 123 - [sd] CSV" (OPNsense).
    const body = /filterlog(?:\[\d+\])?(?::\s*|\s+\S+\s+\S+\s+(?:\[[^\]]*\]\s*)*(?:-\s+)?)(\d*,.*)$/.exec(
      line,
    );
    if (!body?.[1]) return "malformed-message";
    const f = body[1].trim().split(",");
    const version = f[8];
    let protoText: string | undefined;
    let i: number;
    if (version === "4") {
      protoText = f[16];
      i = 18;
    } else if (version === "6") {
      protoText = f[12];
      i = 15;
    } else return "malformed-message";
    const src = f[i];
    const dst = f[i + 1];
    if (src === undefined || dst === undefined) return "missing-field";
    if (!setSource(out, src) || !setDestination(out, dst)) return "invalid-address";
    out.proto = normaliseProto(protoText);
    if (out.proto === "tcp" || out.proto === "udp") {
      out.srcPort = parsePort(f[i + 2]);
      out.dstPort = parsePort(f[i + 3]);
      if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    }
    out.timeMs = head.timeMs;
    out.sensor = head.host;
    out.action = f[6] === "pass" ? "allow" : "block";
    return null;
  },
};
