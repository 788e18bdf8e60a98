import { normaliseAddress } from "../events/normalise-address.ts";
import { parseIpv4 } from "../events/parse-ipv4.ts";
import type { ParsedRecord } from "./parsed-record.ts";

/** Stores a textual source address in the record; false when it is not an IP address. */
export function setSource(out: ParsedRecord, raw: string): boolean {
  const canonical = normaliseAddress(raw.trim());
  if (canonical === null) return false;
  const v4 = parseIpv4(canonical);
  out.srcV4 = v4;
  out.src = v4 >= 0 ? "" : canonical;
  return true;
}

/** Stores a textual destination address; an empty or "-" value means "not logged" and is accepted. */
export function setDestination(out: ParsedRecord, raw: string): boolean {
  const text = raw.trim();
  if (text === "" || text === "-") return true;
  const canonical = normaliseAddress(text);
  if (canonical === null) return false;
  const v4 = parseIpv4(canonical);
  out.dstV4 = v4;
  out.dst = v4 >= 0 ? "" : canonical;
  return true;
}

/** Parses a decimal port 0..65535; -1 for empty/"-" (not logged), -2 when invalid. */
export function parsePort(raw: string | number | undefined | null): number {
  if (raw === undefined || raw === null) return -1;
  if (typeof raw === "number") return Number.isInteger(raw) && raw >= 0 && raw <= 65535 ? raw : -2;
  const text = raw.trim();
  if (text === "" || text === "-") return -1;
  if (!/^\d{1,5}$/.test(text)) return -2;
  const n = Number(text);
  return n <= 65535 ? n : -2;
}

const PROTO_NUMBERS: Record<string, string> = {
  "1": "icmp",
  "6": "tcp",
  "17": "udp",
  "58": "icmpv6",
  "47": "gre",
  "50": "esp",
};

/** Lower-case protocol name; IANA numbers of the common ones become names. */
export function normaliseProto(raw: string | number | undefined | null): string {
  if (raw === undefined || raw === null) return "";
  const text = String(raw).trim().toLowerCase();
  if (text === "" || text === "-") return "";
  return PROTO_NUMBERS[text] ?? (text.length <= 16 ? text : "");
}

/** Maps vendor action words to the normalised action, or null when the word says nothing. */
export function actionFromWord(raw: string): "block" | "allow" | null {
  const w = raw.toLowerCase();
  if (/drop|deny|denied|block|reject|refuse|discard/.test(w)) return "block";
  if (/allow|accept|permit|pass|est-allowed/.test(w)) return "allow";
  return null;
}
