import { TIME_INVALID, parseTimeValue } from "../parse-time.ts";
import { normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import type { TLineParser } from "./line-parser.ts";

// DShield submission format (isc.sans.edu/specs), tab separated:
//   date/time "YYYY-MM-DD HH:MM:SS +hh:mm", user id, count, source IP, source port,
//   target IP, target port, protocol (number or name), TCP flags (optional)
const DSHIELD = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[^\t]*\t[^\t]*\t\d+\t/;

export const dshieldParser: TLineParser = {
  format: "dshield",
  sniff: (line) => DSHIELD.test(line),
  parse(line, ctx, out) {
    const f = line.split("\t");
    if (f.length < 8) return "missing-field";
    const [stamp = "", , count = "", src = "", sport, dst = "", dport, proto] = f;
    // "2002-04-18 02:08:36 -04:00": join the offset to the time for the RFC 3339 reader.
    const t = parseTimeValue(stamp.trim().replace(/ ([+-]\d\d:?\d\d|Z)$/, "$1"), ctx);
    if (Number.isNaN(t)) return "missing-timestamp";
    if (t === TIME_INVALID) return "invalid-timestamp";
    if (!setSource(out, src) || !setDestination(out, dst)) return "invalid-address";
    out.srcPort = parsePort(sport);
    out.dstPort = parsePort(dport);
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) return "invalid-count";
    out.count = n;
    out.timeMs = t;
    out.proto = normaliseProto(proto);
    // DShield collects what firewalls dropped.
    out.action = "block";
    return null;
  },
};
