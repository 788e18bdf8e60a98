import { parseIp } from "../net/parse-ip.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { COMMUNITY_FEATURE_NAMES } from "../rank/features.ts";
import {
  asnOfParsed,
  canonical,
  COMMUNITY_PREFIXES_V4,
  COMMUNITY_PREFIXES_V6,
  netKey,
} from "./community-view.ts";
import { type TCommunityView } from "./community-view.ts";

/**
 * The community columns (COMMUNITY_FEATURE_NAMES) of one address. Works for addresses the pool never
 * saw: their own rank is 0 while neighbourhood and AS ranks apply. Zeros without a view, so a model
 * trained with community columns still scores when the pool is empty.
 */
export function communityFeaturesFor(view: TCommunityView | null, ip: string): number[] {
  const parsed = parseIp(ip);
  if (!parsed) throw new RangeError(`not an IP address: ${ip}`);
  if (!view) return COMMUNITY_FEATURE_NAMES.map(() => 0);
  const own = view.ips.get(canonical(parsed));
  const bogon = parsed.family === 4 ? isBogonV4(parsed.v4) : isBogonV6(parsed.words);
  const prefixes = parsed.family === 4 ? COMMUNITY_PREFIXES_V4 : COMMUNITY_PREFIXES_V6;
  const nets = prefixes.map((p) => (bogon ? 0 : (view.nets.get(netKey(parsed, p))?.rank ?? 0)));
  const asn = !bogon && view.asnTable ? asnOfParsed(view.asnTable, parsed) : 0;
  return [own?.rank ?? 0, ...nets, asn ? (view.as.get(asn)?.rank ?? 0) : 0, own?.reporters ?? 0];
}
