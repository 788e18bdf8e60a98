import { z } from "zod";

// The report's chart inputs (daily counts and top-N lists). Their exact field names come from the
// report writer; these readers accept the plausible spellings and drop rows they cannot place, so
// a chart shows what is there or is hidden, never breaks the page.

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const pick = (row: Record<string, unknown>, keys: readonly string[]): unknown =>
  keys.map((k) => row[k]).find((v) => v !== undefined && v !== null);

export type TDailyRow = { day: string; events: number; flagged: number | null; sources: number | null };
export type TTopRow = {
  label: string;
  events: number | null;
  sources: number | null;
  flagged: number | null;
  asn: number | null;
};

const rows = z.array(z.record(z.string(), z.unknown()));

export const ZDailyRows = rows
  .nullable()
  .optional()
  .catch(null)
  .transform((list): TDailyRow[] | null => {
    if (!list) return null;
    const out = list.flatMap((r) => {
      const day = text(pick(r, ["day", "date"]));
      const events = num(pick(r, ["events", "count"]));
      if (!day || events === null) return [];
      return [
        {
          day: day.slice(0, 10),
          events,
          flagged: num(pick(r, ["flagged", "flags", "malicious"])),
          sources: num(pick(r, ["sources", "ips"])),
        },
      ];
    });
    return out.length ? out.sort((a, b) => a.day.localeCompare(b.day)) : null;
  });

export const ZTopRows = rows
  .nullable()
  .optional()
  .catch(null)
  .transform((list): TTopRow[] | null => {
    if (!list) return null;
    const out = list.flatMap((r) => {
      const asn = num(r.asn);
      const org = text(pick(r, ["org", "asOrg", "name"]));
      const key = pick(r, ["port", "prefix", "network", "cidr", "label"]);
      const label =
        asn !== null ? `AS${asn}${org ? ` ${org}` : ""}` : typeof key === "number" ? String(key) : text(key);
      if (!label) return [];
      return [
        {
          label,
          asn,
          events: num(pick(r, ["events", "count"])),
          sources: num(pick(r, ["sources", "ips"])),
          flagged: num(pick(r, ["flagged", "flags", "malicious"])),
        },
      ];
    });
    return out.length ? out : null;
  });
