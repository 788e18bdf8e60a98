import { canonicalIp } from "./ip-text.ts";

/**
 * IPsum feed (`IP<TAB>number of blocklists naming it`, `#` comments): the addresses named by at
 * least `minLists` lists. IPsum's own advice is 3 or more for few false positives; 1 takes them all.
 */
export function parseIpsum(text: string, minLists = 1): string[] {
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [ipText = "", countText] = line.split(/\s+/);
    const count = countText === undefined ? 1 : Number(countText);
    if (!Number.isFinite(count) || count < minLists) continue;
    const ip = canonicalIp(ipText);
    if (ip) out.push(ip);
  }
  return out;
}
