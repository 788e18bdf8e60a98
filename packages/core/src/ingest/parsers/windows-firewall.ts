import { TIME_INVALID, parseTimeValue } from "../parse-time.ts";
import { normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import type { TLineParser } from "./line-parser.ts";

/** The layout Windows writes when no `#Fields:` header has been seen. */
const DEFAULT_FIELDS =
  "date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path".split(
    " ",
  );

/**
 * Windows Defender Firewall pfirewall.log (W3C extended format). `#Fields:` headers are honoured
 * and may change mid-file. Timestamps are the machine's local time without an offset; they are
 * read as UTC, which the report states.
 */
export const windowsFirewallParser: TLineParser = {
  format: "windows-firewall",
  sniff: (line, ctx) =>
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (ALLOW|DROP|INFO-EVENTS-LOST|OPEN|CLOSE|OPEN-INBOUND)\b/.test(line) ||
    (ctx.w3cFields !== null && /^\d{4}-\d\d-\d\d /.test(line)),
  parse(line, ctx, out) {
    const fields = ctx.w3cFields ?? DEFAULT_FIELDS;
    const v = line.trim().split(/\s+/);
    const get = (name: string): string | undefined => {
      const i = fields.indexOf(name);
      return i < 0 ? undefined : v[i];
    };
    const action = get("action");
    if (action === "INFO-EVENTS-LOST" || action === "OPEN" || action === "CLOSE") return "not-an-event";
    const date = get("date");
    const time = get("time");
    if (!date || !time) return "missing-timestamp";
    const t = parseTimeValue(`${date} ${time}`, ctx);
    if (Number.isNaN(t)) return "missing-timestamp";
    if (t === TIME_INVALID) return "invalid-timestamp";
    const src = get("src-ip");
    if (src === undefined) return "missing-field";
    if (!setSource(out, src) || !setDestination(out, get("dst-ip") ?? "")) return "invalid-address";
    out.srcPort = parsePort(get("src-port"));
    out.dstPort = parsePort(get("dst-port"));
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    out.timeMs = t;
    out.proto = normaliseProto(get("protocol"));
    out.action = action === "ALLOW" || action === "OPEN-INBOUND" ? "allow" : "block";
    return null;
  },
};

/** A W3C directive line; `#Fields:` updates the context. Returns true when the line was one. */
export function readW3cDirective(line: string, ctx: { w3cFields: string[] | null }): boolean {
  if (!line.startsWith("#")) return false;
  const m = /^#Fields:\s*(.*)$/.exec(line.trim());
  if (m?.[1] !== undefined) ctx.w3cFields = m[1].trim().split(/\s+/);
  return /^#(Version|Software|Time|Fields|Date|Remark)\b/.test(line);
}
