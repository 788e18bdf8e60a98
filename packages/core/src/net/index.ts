export { parseIp, parseIpv4, parseIpv6, type TParsedIp } from "./parse-ip.ts";
export { formatIpv4, formatIpv6, formatIpv6Groups } from "./format-ip.ts";
export {
  MAX_V6_NEIGHBOURHOOD_PREFIX,
  neighbourhoodSize,
  networkCidr,
  v4NetworkCidr,
  v4NetworkNumber,
  v6NetworkCidr,
  v6NetworkKey,
} from "./network.ts";
export { isBogonV4, isBogonV6, isInternetAddress } from "./bogon.ts";
export { networkCidrIpNum } from "./network-ip-num.ts";
export { allowList, destinationRefusal, type TWebhookTarget, webhookTarget } from "./destination.ts";
