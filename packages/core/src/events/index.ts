// The event contract. The format names come straight from their zod-free file, so a caller needing
// only them (the CLI's ingest command) loads neither zod nor the schemas (~25 ms a start); the
// address helpers stay internal to ingest, since through this barrel they would load ip-num too.
export { FORMAT_NAMES, type TFormatName } from "./format-names.ts";
export { ADDRESS_CLASSES, ZAddressClass, ZEvent, ZFormatName } from "./event.ts";
export type { TAddressClass, TEvent } from "./event.ts";
