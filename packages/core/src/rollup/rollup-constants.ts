// Plain constants, without zod, for the ingest path (see events/format-names.ts for why);
// ip-day-rollup.ts builds the schemas from them.

/** Event actions after normalisation. */
export const ACTIONS = ["block", "allow", "alert", "auth-failure"] as const;
export type TAction = (typeof ACTIONS)[number];

/**
 * Distinct destination ports kept exactly per (day, IP). Past this a scan is a scan: the count
 * continues as a sketch estimate, and per-port counts stop growing new keys.
 */
export const PORT_EXACT_BOUND = 64;
