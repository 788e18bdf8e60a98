export { type TAsnTable, AsnTableBuilder } from "./asn-table.ts";
export {
  ASN_V4_FILE,
  ASN_V6_FILE,
  asnDataDir,
  buildAsnTableFromCsv,
  loadAsnTable,
  loadAsnTableSync,
} from "./load-asn-table.ts";
export { announcedSize, lookupAsIndex, lookupAsIndexV4, lookupAsIndexV6, lookupAsn } from "./lookup-asn.ts";
export { ASN_ATTRIBUTION, ASN_ATTRIBUTION_HTML, ASN_DATA_PACKAGE } from "./attribution.ts";
