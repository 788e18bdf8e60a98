// Address and CIDR text and the list formats built on it (plain lists, IPsum, research scanners):
// a leaf, so labels, community, feeds, score and eval share the parsers without importing each other.
export { canonicalIp, parseCidr, type TCidrRange } from "./ip-text.ts";
export { parseIpList } from "./parse-ip-list.ts";
export { parseIpsum } from "./parse-ipsum.ts";
export { parseResearchScanners } from "./research-scanners.ts";
