export { FEED_FORMATS, type TFeedDecision, type TFeedFormat, ZFeedFormat } from "./feed-decision.ts";
export { liveDecisions, remainingSeconds, type TDecisionSource } from "./feed-source.ts";
export { CHUNK_CHARS } from "./chunk-buffer.ts";
export { decisionSortKey } from "./sort-key.ts";
export { aggregateCidrs } from "./aggregate-cidrs.ts";
export { crowdsecScenario, type TCrowdsecDecision, type TCrowdsecDeletion } from "./crowdsec-decision.ts";
export { renderDecisionList, renderDecisionStream } from "./crowdsec-stream.ts";
export { FEED_CSV_COLUMNS, renderFeedCsv, renderFeedJsonLines } from "./table-formats.ts";
export { withoutOverlaps } from "./without-overlaps.ts";
export { slicePage, type TFeedPage } from "./feed-page.ts";
export { FeedEtag, feedEtag } from "./feed-etag.ts";
export { EDL_CONTENT_TYPE, renderEdl } from "./edl.ts";
export { NFTABLES_DEFAULTS, renderNftablesScript, type TNftablesOptions } from "./nftables-set.ts";
export {
  IPSET_DEFAULTS,
  IPSET_MAX_TIMEOUT_SECONDS,
  renderIpsetRestore,
  type TIpsetOptions,
} from "./ipset-restore.ts";
export { renderPfTable } from "./pf-table.ts";
export { renderZeekIntel, type TZeekIntelOptions, ZEEK_INTEL_HEADER } from "./zeek-intel.ts";
export {
  renderSuricataCategories,
  renderSuricataIprep,
  SURICATA_CATEGORIES,
  suricataReputation,
} from "./suricata-iprep.ts";
export {
  mispAttributeUuid,
  mispEventUuid,
  renderMispEvent,
  renderMispHashes,
  renderMispManifest,
  type TMispDaySummary,
  type TMispFeedOptions,
} from "./misp-feed.ts";
export { renderStixBundle, stixIdentity, stixIdentityId, stixIndicator } from "./stix-indicator.ts";
export {
  collectTaxiiPage,
  decodeTaxiiCursor,
  encodeTaxiiCursor,
  parseAddedAfter,
  parseTaxiiTimestamp,
  renderTaxiiEnvelope,
  STIX_MEDIA_TYPE,
  TAXII_MAX_PAGE,
  TAXII_MEDIA_TYPE,
  taxiiApiRoot,
  taxiiCollection,
  taxiiCollections,
  taxiiDateAddedHeaders,
  taxiiDiscovery,
  taxiiError,
  taxiiIndicatorItem,
  taxiiManifestRecord,
  taxiiTimestamp,
  type TTaxiiCursor,
  type TTaxiiItem,
  type TTaxiiPage,
} from "./taxii.ts";
