import { NOT_THIS_FORMAT } from "../outcome.ts";
import { TIME_INVALID, parseTimeValue } from "../parse-time.ts";
import { actionFromWord, normaliseProto, parsePort, setDestination, setSource } from "../set-address.ts";
import { parseSyslogHeader } from "../syslog-header.ts";
import type { TLineParser } from "./line-parser.ts";

/** Splits "a|b\|c|..." on unescaped pipes, the CEF header rule. */
function splitHeader(text: string, count: number): { parts: string[]; rest: number } {
  const parts: string[] = [];
  let cur = "";
  let i = 0;
  for (; i < text.length && parts.length < count; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      cur += text[++i] ?? "";
    } else if (c === "|") {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  return { parts, rest: i };
}

/** Extension "k=v k2=v two" into a map; values run until the next " key=" and unescape \= \\ \n. */
export function parseCefExtension(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:^|\s)([A-Za-z0-9_.[\]-]+)=/g;
  const keys: { key: string; start: number; valueStart: number }[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // "\=" inside a value is escaped, not a new key.
    if (m.index > 0 && text[m.index + m[0].length - 2 - (m[1]?.length ?? 0)] === "\\") continue;
    keys.push({ key: m[1] ?? "", start: m.index, valueStart: m.index + m[0].length });
  }
  keys.forEach((k, i) => {
    const end = keys[i + 1]?.start ?? text.length;
    out.set(
      k.key,
      text
        .slice(k.valueStart, end)
        .trim()
        .replace(/\\([=\\|])/g, "$1")
        .replace(/\\n/g, "\n"),
    );
  });
  return out;
}

/** ArcSight Common Event Format, optionally behind a syslog header (ArcSight CEF Implementation Standard). */
export const cefParser: TLineParser = {
  format: "cef",
  sniff: (line) => line.includes("CEF:"),
  parse(line, ctx, out) {
    const at = line.indexOf("CEF:");
    if (at < 0) return NOT_THIS_FORMAT;
    const { parts, rest } = splitHeader(line.slice(at), 7);
    if (parts.length < 7) return "malformed-message";
    const ext = parseCefExtension(line.slice(at + rest));
    const stamp = ext.get("rt") ?? ext.get("start") ?? ext.get("end");
    let t: number;
    let host = ext.get("dvchost") ?? ext.get("dvc") ?? "";
    if (stamp !== undefined) t = parseTimeValue(stamp.replace(/ [A-Za-z]{2,5}$/, ""), ctx);
    else {
      const head = parseSyslogHeader(line, ctx);
      t = head.timeMs;
      host ||= head.host;
    }
    if (Number.isNaN(t)) return "missing-timestamp";
    if (t === TIME_INVALID) return "invalid-timestamp";
    const src = ext.get("src") ?? ext.get("c6a2");
    if (src === undefined) return "missing-field";
    if (!setSource(out, src) || !setDestination(out, ext.get("dst") ?? ext.get("c6a3") ?? ""))
      return "invalid-address";
    out.srcPort = parsePort(ext.get("spt"));
    out.dstPort = parsePort(ext.get("dpt"));
    if (out.srcPort === -2 || out.dstPort === -2) return "invalid-port";
    out.timeMs = t;
    out.proto = normaliseProto(ext.get("proto"));
    out.sensor = host;
    out.action = actionFromWord(ext.get("act") ?? "") ?? "alert";
    return null;
  },
};
