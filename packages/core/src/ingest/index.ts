// Public surface of the ingestion layer. Events and rollups are their own entries
// (@mlsec/core/events, @mlsec/core/rollup): re-exported here, a barrel would make the CLI's ingest
// command load the address classifier and ip-num at start.
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
export { IGNORED_REASONS } from "./outcome.ts";
export {
  EventSampler,
  sampleShard,
  sampleForAddress,
  findSampledEvent,
  SAMPLE_PER_ADDRESS_DAY,
  SAMPLE_MAX_EVENTS,
  SAMPLE_SHARDS,
} from "./event-sample.ts";
export type { TSampledEvent, TAddressDaySample, TFoundEvent } from "./event-sample.ts";
