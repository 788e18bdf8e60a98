export { ZEvent, ZFormatName, ZAddressClass, FORMAT_NAMES, ADDRESS_CLASSES } from "./event.ts";
export type { TEvent, TFormatName, TAddressClass } from "./event.ts";
export { normaliseAddress } from "./normalise-address.ts";
export { classifyAddress, classifyIpv4 } from "./classify-address.ts";
export { parseIpv4, parseIpv4Bytes, formatIpv4 } from "./parse-ipv4.ts";
