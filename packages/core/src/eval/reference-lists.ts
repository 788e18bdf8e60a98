import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseIpList } from "../ip-lists/parse-ip-list.ts";
import { parseResearchScanners } from "../ip-lists/research-scanners.ts";
import { canonicalIp } from "../ip-lists/ip-text.ts";

/** ../shared/data/reference beside the repository: the public lists the worlds are built from. */
export const DEFAULT_REFERENCE_DIR = fileURLToPath(
  new URL("../../../../../shared/data/reference/", import.meta.url),
);

export type TFeedCount = { ip: string; count: number };

export type TReferenceLists = {
  /** IPsum: address and the number of blocklists naming it. */
  ipsum: TFeedCount[];
  /** Research scanner CIDRs (the noise class). */
  scanners: string[];
  /** Provider name -> benign CIDRs (benign-<provider>-ipv4.txt). */
  benign: Map<string, string[]>;
};

/**
 * Feed lines `IP[<whitespace>count]` with their count (1 when absent): IPsum's column is how many
 * blocklists name the address, which is what a global worst-offender list ranks by.
 */
export function parseFeedCounts(text: string): TFeedCount[] {
  const out: TFeedCount[] = [];
  for (const raw of text.split("\n")) {
    const line = (raw.split("#")[0] ?? "").trim();
    if (line === "") continue;
    const [ipText = "", countText] = line.split(/[\s,]+/);
    if (ipText.includes("/")) continue;
    const ip = canonicalIp(ipText);
    const count = countText === undefined ? 1 : Number(countText);
    if (ip && Number.isFinite(count) && count > 0) out.push({ ip, count });
  }
  return out;
}

/** Reads the reference directory (the caller names it; the default is ../shared/data/reference). */
export function loadReferenceLists(dir: string = DEFAULT_REFERENCE_DIR): TReferenceLists {
  const path = dir.endsWith("/") ? dir : `${dir}/`;
  if (!existsSync(`${path}ipsum.txt`))
    throw new Error(`no ipsum.txt in ${path}: name the reference directory`);
  const benign = new Map<string, string[]>();
  for (const file of readdirSync(path).sort()) {
    const m = /^benign-(.+)-ipv4\.txt$/.exec(file);
    if (!m?.[1]) continue;
    const { ips, cidrs } = parseIpList(readFileSync(path + file, "utf8"));
    benign.set(m[1], [...cidrs, ...ips.map((ip) => `${ip}/32`)]);
  }
  return {
    ipsum: parseFeedCounts(readFileSync(`${path}ipsum.txt`, "utf8")),
    scanners: parseResearchScanners(readFileSync(`${path}research-scanners.tsv`, "utf8")).map((r) => r.cidr),
    benign,
  };
}
