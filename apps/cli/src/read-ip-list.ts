import { readFileSync } from "node:fs";
import { parseIpList, parseIpsum } from "@mlsec/core/ip-lists";

/**
 * An address list named on the command line (--benign, --malicious): ipsum lines are
 * "IP<TAB>count" and a plain list has one address or CIDR a line; both parse as lists.
 */
export function readIpList(path: string): { ips: string[]; cidrs: string[] } {
  const text = readFileSync(path, "utf8");
  const plain = parseIpList(text);
  return plain.ips.length + plain.cidrs.length > 0 ? plain : { ips: parseIpsum(text), cidrs: [] };
}
