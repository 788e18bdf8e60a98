import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseIpList } from "../ip-lists/parse-ip-list.ts";
import { parseResearchScanners } from "../ip-lists/research-scanners.ts";

/** packages/core/data: the reference lists shipped as defaults (see data/NOTICE.md for licences). */
export const SHIPPED_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

/** Provider name -> CIDRs, from the shipped benign-<provider>-ipv4.txt files. */
export function loadShippedBenign(dir = SHIPPED_DATA_DIR): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(dir).sort()) {
    const m = /^benign-(.+)-ipv4\.txt$/.exec(file);
    if (!m?.[1]) continue;
    const { ips, cidrs } = parseIpList(readFileSync(dir + file, "utf8"));
    out.set(m[1], [...cidrs, ...ips.map((ip) => `${ip}/32`)]);
  }
  return out;
}

/** CIDRs of research and census scanners (the noise class), from the shipped TSV. */
export function loadShippedScanners(dir = SHIPPED_DATA_DIR): string[] {
  return parseResearchScanners(readFileSync(dir + "research-scanners.tsv", "utf8")).map((r) => r.cidr);
}
