// The layout of a rollup row, shared by RollupRows (rollup-rows.ts), the output of rows
// (rollup-row-output.ts) and, word for word, the WebAssembly kernel's rows (assembly/day-rows.ts).

// One row of 16 uint32 words (64 bytes, one cache line) per source of one day. The event count
// is not stored: every event adds to exactly one action, so it is their sum. The first port
// lives in the row (most sources touch one port a day); further ports go to the port pool.
export const ROW_SHIFT = 4;
export const W_IP = 0; // IPv4 number, or index of the address in v6Words
export const W_FLAGS = 1; // ROW_V6 | ROW_CONTINUED
export const W_FIRST = 2; // ms since the day's midnight
export const W_LAST = 3;
export const W_BLOCK = 4;
export const W_ALLOW = 5;
export const W_ALERT = 6;
export const W_AUTH = 7;
export const W_TCP = 8;
export const W_UDP = 9;
export const W_ICMP = 10;
export const W_PORT0 = 11; // port + 1, 0 = none
export const W_PORT0_COUNT = 12;
export const W_PORT0_BLOCKED = 13;
export const W_POOL = 14; // first pool entry + 1, 0 = none
export const W_DISTINCT = 15; // ports counted exactly (row + pool)
// Rows live in fixed pages rather than one doubling array: growing never copies, and never
// holds an old and a new copy of the whole table at once (the memory peak). The first page
// starts small and doubles up to a full page, so a day with a handful of sources stays small.
export const PAGE_SHIFT = 13;
export const PAGE_MASK = (1 << PAGE_SHIFT) - 1;
export const FIRST_PAGE_ROWS = 64;
// Pool entry: port, count, blocked count, next entry + 1; in fixed pages too (no doubling copy).
export const POOL = 4;
export const POOL_PAGE_SHIFT = 14;
export const POOL_PAGE_MASK = (1 << POOL_PAGE_SHIFT) - 1;
export const FIRST_POOL_ENTRIES = 64;

// Protocol codes of addCounts (the WebAssembly kernel uses the first four too).
export const PROTO_NONE = 0;
export const PROTO_TCP = 1;
export const PROTO_UDP = 2;
export const PROTO_ICMP = 3;
export const PROTO_OTHER = 4;

/** The protocol code of a normalised protocol name ("" = none). */
export function protoCode(proto: string): number {
  return proto === "tcp"
    ? PROTO_TCP
    : proto === "udp"
      ? PROTO_UDP
      : proto === "icmp"
        ? PROTO_ICMP
        : proto === ""
          ? PROTO_NONE
          : PROTO_OTHER;
}

export const ROW_V6 = 1;
/** The row continues one already handed to the sink in this run (a late line for a closed day). */
export const ROW_CONTINUED = 2;
