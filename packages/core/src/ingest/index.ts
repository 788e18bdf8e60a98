// Public surface of the ingestion layer (re-exported from packages/core/src/index.ts).
export {
  ingestStream,
  ingestFiles,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_DECOMPRESSED_BYTES,
} from "./ingest-stream.ts";
export type { TIngestOptions, TIngestResult } from "./ingest-stream.ts";
export type { TLineSample } from "./session-types.ts";
export type { TRollupBatch, TRollupSink } from "./rollup-sink.ts";
export { IngestFailure } from "./ingest-failure.ts";
export { mergeRollups } from "../rollup/merge-rollups.ts";
export { IGNORED_REASONS } from "./outcome.ts";
export { ZEvent, ZFormatName, ZAddressClass, FORMAT_NAMES, ADDRESS_CLASSES } from "../events/event.ts";
export type { TEvent, TFormatName, TAddressClass } from "../events/event.ts";
export { normaliseAddress } from "../events/normalise-address.ts";
export { classifyAddress } from "../events/classify-address.ts";
