import { z } from "zod";
import { ACTIONS } from "./rollup-constants.ts";

export { ACTIONS, PORT_EXACT_BOUND, type TAction } from "./rollup-constants.ts";
export const ZAction = z.enum(ACTIONS);

/**
 * Everything later stages know about one source IP on one UTC day. Produced while streaming
 * (packages/core ingest), stored per upload content in PostgreSQL, merged across uploads, and
 * consumed by the ranking engine. Keys of the port maps are destination ports as decimal strings.
 */
export const ZIpDayRollup = z.object({
  /** UTC day, "YYYY-MM-DD". */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Canonical address text: dotted IPv4 (IPv4-mapped IPv6 unwrapped), compressed lowercase IPv6. */
  ip: z.string().min(2),
  events: z.number().int().nonnegative(),
  /** Distinct destination ports: exact up to PORT_EXACT_BOUND, an estimate beyond. */
  distinctPorts: z.number().int().nonnegative(),
  /** Events per destination port, for at most PORT_EXACT_BOUND ports. */
  ports: z.record(z.string(), z.number().int().nonnegative()),
  /** Blocked or alerted events per destination port, for at most PORT_EXACT_BOUND ports. */
  blockedPorts: z.record(z.string(), z.number().int().nonnegative()),
  protocols: z.record(z.string(), z.number().int().nonnegative()),
  actions: z.partialRecord(ZAction, z.number().int().nonnegative()),
  /** ISO 8601 UTC. */
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type TIpDayRollup = z.infer<typeof ZIpDayRollup>;

/**
 * A rollup with its maps as JSON text, the form they are stored in: what bulk writers consume.
 * Ingest builds it straight from its typed rows, because objects keyed by port numbers are slow
 * to build (V8 stores integer keys as array elements, sized by the largest port).
 */
export type TIpDayRollupJson = Omit<TIpDayRollup, "ports" | "blockedPorts" | "protocols" | "actions"> & {
  ports: string;
  blockedPorts: string;
  protocols: string;
  actions: string;
};

export function toRollupJson(r: TIpDayRollup): TIpDayRollupJson {
  return {
    ...r,
    ports: JSON.stringify(r.ports),
    blockedPorts: JSON.stringify(r.blockedPorts),
    protocols: JSON.stringify(r.protocols),
    actions: JSON.stringify(r.actions),
  };
}
