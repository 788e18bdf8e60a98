// Plain constants, without zod: the ingest path imports these, and loading zod (with its schemas)
// cost ~25 ms of every `mlsec ingest` start. event.ts builds the schemas from them.

/** Every log format the ingest layer understands; also the keys of `byFormat`. */
export const FORMAT_NAMES = [
  "netfilter",
  "pf",
  "pf-filterlog",
  "cisco-asa",
  "windows-firewall",
  "openssh",
  "suricata",
  "cowrie",
  "cef",
  "dshield",
  "csv",
  "ecs-json",
] as const;
export type TFormatName = (typeof FORMAT_NAMES)[number];
