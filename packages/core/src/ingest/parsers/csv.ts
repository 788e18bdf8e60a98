import { NOT_THIS_FORMAT } from "../outcome.ts";
import type { TParseContext } from "../parse-context.ts";
import { TIME_INVALID, parseTimeValue } from "../parse-time.ts";
import { actionFromWord, normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import type { TLineParser } from "./line-parser.ts";

/** Header names (lower-case, separators removed) understood for each field. */
const ALIASES: Record<string, string[]> = {
  time: [
    "time",
    "timestamp",
    "@timestamp",
    "datetime",
    "date",
    "eventtime",
    "ts",
    "receivetime",
    "generatedtime",
  ],
  src: [
    "src",
    "srcip",
    "srcaddr",
    "source",
    "sourceip",
    "sourceaddress",
    "clientip",
    "remoteip",
    "sip",
    "saddr",
  ],
  sport: ["sport", "srcport", "sourceport", "spt", "clientport"],
  dst: [
    "dst",
    "dstip",
    "dstaddr",
    "dest",
    "destip",
    "destination",
    "destinationip",
    "destinationaddress",
    "dip",
    "daddr",
  ],
  dport: ["dport", "dstport", "destport", "destinationport", "dpt", "port"],
  proto: ["proto", "protocol", "transport", "ipprotocol"],
  action: ["action", "act", "disposition", "verdict", "result"],
  sensor: ["host", "hostname", "sensor", "device", "devicename", "observer"],
};

function canonical(name: string): string {
  return name
    .trim()
    .replace(/^"|"$/g, "")
    .toLowerCase()
    .replace(/[\s_.-]/g, "");
}

function fieldOf(column: string): string | null {
  const c = canonical(column);
  for (const [field, names] of Object.entries(ALIASES)) if (names.includes(c)) return field;
  return null;
}

/** RFC 4180 fields of one line (quoted fields may contain commas and doubled quotes). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < n) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else v += line[i++] ?? "";
      }
      out.push(v);
      const comma = line.indexOf(",", i);
      i = comma < 0 ? n + 1 : comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? n : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** A header line names a source column and at least one more known column. */
export function readCsvHeader(line: string, ctx: TParseContext): boolean {
  if (ctx.csvColumnsFixed || !line.includes(",")) return false;
  const cols = splitCsv(line);
  const fields = cols.map(fieldOf);
  if (!fields.includes("src") || fields.filter((f) => f !== null).length < 2) return false;
  ctx.csvColumns = cols.map((c) => c.trim().toLowerCase());
  return true;
}

/**
 * Generic CSV: columns from a header line or the `columns` option, mapped by common names
 * (src, source_ip, dst_port, ...). Without an action column an event counts as a block, the
 * usual content of a firewall export.
 */
export const csvParser: TLineParser = {
  format: "csv",
  sniff: (line, ctx) => ctx.csvColumns !== null && line.includes(","),
  parse(line, ctx, out) {
    const columns = ctx.csvColumns;
    if (!columns) return NOT_THIS_FORMAT;
    const v = splitCsv(line);
    const get = (field: string): string | undefined => {
      const i = columns.findIndex((c) => fieldOf(c) === field);
      return i < 0 ? undefined : v[i];
    };
    const stamp = get("time");
    if (stamp === undefined) return "missing-timestamp";
    const t = parseTimeValue(stamp, ctx);
    if (Number.isNaN(t)) return "missing-timestamp";
    if (t === TIME_INVALID) return "invalid-timestamp";
    const src = get("src");
    if (src === undefined) return "missing-field";
    if (!setSource(out, src) || !setDestination(out, get("dst") ?? "")) return "invalid-address";
    out.srcPort = parsePort(get("sport"));
    out.dstPort = parsePort(get("dport"));
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    out.timeMs = t;
    out.proto = normaliseProto(get("proto"));
    out.sensor = get("sensor") ?? "";
    out.action =
      actionFromWord(get("action") ?? "") ?? (/alert/i.test(get("action") ?? "") ? "alert" : "block");
    return null;
  },
};
