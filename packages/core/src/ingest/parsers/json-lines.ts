import { NOT_THIS_FORMAT, type TOutcome } from "../outcome.ts";
import type { TParseContext } from "../parse-context.ts";
import type { ParsedRecord } from "../parsed-record.ts";
import { TIME_INVALID, parseTimeValue } from "../parse-time.ts";
import { actionFromWord, normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import { jsonField, jsonString, parseJsonObject } from "./json-field.ts";
import type { TLineParser } from "./line-parser.ts";

type TJsonFields = {
  time: unknown;
  src: unknown;
  sport: unknown;
  dst: unknown;
  dport: unknown;
  proto: unknown;
  sensor: unknown;
};

function fill(obj: TJsonFields, ctx: TParseContext, out: ParsedRecord): TOutcome {
  const t = parseTimeValue(obj.time, ctx);
  if (Number.isNaN(t)) return "missing-timestamp";
  if (t === TIME_INVALID) return "invalid-timestamp";
  if (typeof obj.src !== "string") return "missing-field";
  if (!setSource(out, obj.src)) return "invalid-address";
  if (obj.dst !== undefined && !setDestination(out, typeof obj.dst === "string" ? obj.dst : "?"))
    return "invalid-address";
  out.srcPort = parsePort(
    typeof obj.sport === "number" || typeof obj.sport === "string" ? obj.sport : undefined,
  );
  out.dstPort = parsePort(
    typeof obj.dport === "number" || typeof obj.dport === "string" ? obj.dport : undefined,
  );
  if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
  out.timeMs = t;
  out.proto = normaliseProto(
    typeof obj.proto === "string" || typeof obj.proto === "number" ? obj.proto : undefined,
  );
  out.sensor = typeof obj.sensor === "string" ? obj.sensor.slice(0, 255) : "";
  return null;
}

// One JSON.parse per line is shared by the three JSON formats: the dispatcher parses once and
// the parsers below look at the cached object.
let cachedLine = "";
let cachedObj: Record<string, unknown> | null = null;
function parsed(line: string): Record<string, unknown> | null {
  if (line !== cachedLine) {
    cachedLine = line;
    cachedObj = line.charCodeAt(0) === 123 ? parseJsonObject(line) : null;
  }
  return cachedObj;
}

/** Suricata eve.json: alert events (action alert, or block when the IPS dropped) and flow events. */
export const suricataParser: TLineParser = {
  format: "suricata",
  sniff: (line) =>
    line.startsWith("{") && line.includes('"event_type"') && typeof parsed(line)?.event_type === "string",
  parse(line, ctx, out) {
    const o = parsed(line);
    if (!o || typeof o.event_type !== "string") return NOT_THIS_FORMAT;
    if (o.event_type !== "alert" && o.event_type !== "flow" && o.event_type !== "drop") return "not-an-event";
    const r = fill(
      {
        time: o.timestamp,
        src: o.src_ip,
        sport: o.src_port,
        dst: o.dest_ip,
        dport: o.dest_port,
        proto: o.proto,
        sensor: o.host ?? o.in_iface,
      },
      ctx,
      out,
    );
    if (r !== null) return r;
    const verdict = jsonString(o, "alert.action");
    out.action =
      o.event_type === "flow"
        ? "allow"
        : o.event_type === "drop" || verdict === "blocked"
          ? "block"
          : "alert";
    return null;
  },
};

const COWRIE_ACTIONS: Record<string, "alert" | "auth-failure"> = {
  "cowrie.session.connect": "alert",
  "cowrie.login.failed": "auth-failure",
  "cowrie.login.success": "alert",
  "cowrie.command.input": "alert",
  "cowrie.session.file_download": "alert",
};

/** Cowrie honeypot JSON: anyone who talks to a honeypot is hostile, failed logins are auth-failures. */
export const cowrieParser: TLineParser = {
  format: "cowrie",
  sniff: (line) => line.startsWith("{") && line.includes('"cowrie.'),
  parse(line, ctx, out) {
    const o = parsed(line);
    const id = o?.eventid;
    if (!o || typeof id !== "string" || !id.startsWith("cowrie.")) return NOT_THIS_FORMAT;
    const action = COWRIE_ACTIONS[id];
    if (!action) return "not-an-event";
    const r = fill(
      {
        time: o.timestamp,
        src: o.src_ip,
        sport: o.src_port,
        dst: o.dst_ip,
        dport: o.dst_port,
        proto: "tcp",
        sensor: o.sensor,
      },
      ctx,
      out,
    );
    if (r !== null) return r;
    out.action = action;
    return null;
  },
};

/** JSON lines with Elastic Common Schema fields (nested or dotted keys). */
export const ecsJsonParser: TLineParser = {
  format: "ecs-json",
  sniff: (line) =>
    line.startsWith("{") &&
    (line.includes('"source.ip"') ||
      (line.includes('"source"') && jsonField(parsed(line), "source.ip") !== undefined)),
  parse(line, ctx, out) {
    const o = parsed(line);
    if (!o || jsonField(o, "source.ip") === undefined) return NOT_THIS_FORMAT;
    const r = fill(
      {
        time: jsonField(o, "@timestamp") ?? jsonField(o, "event.created"),
        src: jsonField(o, "source.ip"),
        sport: jsonField(o, "source.port"),
        dst: jsonField(o, "destination.ip"),
        dport: jsonField(o, "destination.port"),
        proto: jsonField(o, "network.transport") ?? jsonField(o, "network.protocol"),
        sensor:
          jsonField(o, "observer.hostname") ?? jsonField(o, "host.name") ?? jsonField(o, "observer.name"),
      },
      ctx,
      out,
    );
    if (r !== null) return r;
    out.action = ecsAction(o);
    return null;
  },
};

function ecsAction(o: Record<string, unknown>): "block" | "allow" | "alert" | "auth-failure" {
  const types = [jsonField(o, "event.type")].flat().filter((v): v is string => typeof v === "string");
  const categories = [jsonField(o, "event.category")]
    .flat()
    .filter((v): v is string => typeof v === "string");
  const outcome = jsonString(o, "event.outcome");
  if (categories.includes("authentication") && outcome === "failure") return "auth-failure";
  if (types.includes("denied")) return "block";
  if (types.includes("allowed")) return "allow";
  const word = actionFromWord(jsonString(o, "event.action") ?? "");
  if (word) return word;
  // ECS documents without a verdict are usually detections forwarded by a SIEM.
  return "alert";
}
