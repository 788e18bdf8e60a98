import { selectEntries, type TExportEntry, type TExportFilter } from "../export/export-set.ts";
import { parseCidr, type TCidrRange } from "../ip-lists/ip-text.ts";
import type { TScoredIp } from "../report/report-schema.ts";

export type TListKind = "allow" | "block";
/** An allow- or block-list entry: `value` is an address, a CIDR, or "AS<n>". */
export type TListEntry = { kind: TListKind; value: string; reason: string };

export type TListTarget = { type: "range"; range: TCidrRange; bits: number } | { type: "asn"; asn: number };

/** What an entry's value names, or null when it is neither an address, a CIDR nor "AS<n>". */
export function parseListValue(value: string): TListTarget | null {
  const text = value.trim();
  const as = /^AS(\d{1,10})$/i.exec(text);
  if (as) {
    const asn = Number(as[1]);
    return asn <= 0xffffffff ? { type: "asn", asn } : null;
  }
  const range = parseCidr(text);
  if (!range) return null;
  const [addr = "", bits] = text.split("/");
  const max = range.family === 4 && !addr.includes(":") ? 32 : 128;
  return { type: "range", range, bits: bits === undefined ? max : Number(bits) };
}

export type TListMatcher = { match(ip: string, asn: number | null): TListEntry | null; size: number };

/**
 * Finds the entry that decides an IP: the most specific match wins (an address over a CIDR, a
 * longer prefix over a shorter one, any range over an AS), so a single blocked host inside an
 * allowed network stays blocked; on a tie the allow entry wins, since blocking your own hosts
 * costs more than reviewing one more. Invalid values are ignored.
 */
export function createListMatcher(entries: Iterable<TListEntry>): TListMatcher {
  const parsed: { entry: TListEntry; target: TListTarget; specificity: number }[] = [];
  for (const entry of entries) {
    const target = parseListValue(entry.value);
    if (!target) continue;
    // IPv4 prefixes are compared on the IPv6 scale so a /32 outranks a /24 of either family.
    const specificity =
      target.type === "asn"
        ? -1
        : target.range.family === 4 && target.bits <= 32
          ? target.bits + 96
          : target.bits;
    parsed.push({ entry, target, specificity });
  }
  return {
    size: parsed.length,
    match(ip, asn) {
      const self = parseCidr(ip);
      let best: { entry: TListEntry; specificity: number } | null = null;
      for (const p of parsed) {
        const hit =
          p.target.type === "asn"
            ? asn !== null && asn === p.target.asn
            : self !== null && self.family === p.target.range.family && inRange(self.start, p.target.range);
        if (!hit) continue;
        if (
          !best ||
          p.specificity > best.specificity ||
          (p.specificity === best.specificity && p.entry.kind === "allow" && best.entry.kind === "block")
        )
          best = p;
      }
      return best?.entry ?? null;
    },
  };
}

function inRange(value: number | bigint, range: TCidrRange): boolean {
  return value >= range.start && value <= range.end;
}

/**
 * Scored IPs with the tenant's lists applied: a listed IP keeps the model's score (so the report
 * still shows what the model thought) but its bucket is the list's, with the list's reason first.
 */
export function applyLists(scored: readonly TScoredIp[], matcher: TListMatcher): TScoredIp[] {
  if (matcher.size === 0) return [...scored];
  return scored.map((s) => {
    const entry = matcher.match(s.ip, s.asn);
    return entry ? listed(s, entry) : s;
  });
}

function listed(s: TScoredIp, entry: TListEntry): TScoredIp {
  const reason = `on the ${entry.kind} list${entry.reason ? `: ${entry.reason}` : ""}`;
  return { ...s, bucket: entry.kind, reasons: [reason, ...s.reasons] };
}

/**
 * Export selection with the lists applied: allow-listed IPs never leave, block-listed IPs always
 * do (whatever their score), the rest pass the usual score and bucket filter.
 */
export function selectListedEntries(
  entries: readonly TExportEntry[],
  filter: TExportFilter,
  matcher: TListMatcher,
): TExportEntry[] {
  if (matcher.size === 0) return selectEntries(entries, filter);
  const free: TExportEntry[] = [];
  const blocked: TExportEntry[] = [];
  const buckets = filter.buckets && filter.buckets.length > 0 ? new Set(filter.buckets) : null;
  for (const e of entries) {
    const entry = matcher.match(e.scored.ip, e.scored.asn);
    if (!entry) free.push(e);
    else if (entry.kind === "block" && (!buckets || buckets.has("block")))
      blocked.push({ ...e, scored: listed(e.scored, entry) });
  }
  return [...selectEntries(blocked, { min: 0 }), ...selectEntries(free, filter)];
}

/**
 * A list file: one entry a line, `value [reason...]` where value is an IP, a CIDR or "AS<n>";
 * `#` starts a comment. Lines whose value is none of those are returned in `invalid` (line numbers).
 */
export function parseListText(text: string, kind: TListKind): { entries: TListEntry[]; invalid: number[] } {
  const entries: TListEntry[] = [];
  const invalid: number[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = (raw.split("#")[0] ?? "").trim();
    if (line === "") return;
    const [value = "", ...rest] = line.split(/\s+/);
    if (parseListValue(value) === null) invalid.push(i + 1);
    else entries.push({ kind, value, reason: rest.join(" ") });
  });
  return { entries, invalid };
}
