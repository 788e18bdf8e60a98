import type { TExportSet } from "./export-set.ts";

/**
 * One address a line under a `#` comment header, for `ipset`/nftables loaders (strip the comments
 * with `grep -v '^#'` for tools that refuse them). IPv4 and IPv6 are mixed; split by ':' if your
 * sets are per family.
 */
export function exportBlocklist(set: TExportSet): string {
  const buckets = set.filter.buckets?.length ? set.filter.buckets.join(",") : "all";
  const header = [
    "# mlsec blocklist",
    `# generated ${set.generatedAt}; ${set.entries.length} addresses; score >= ${set.filter.min}; buckets ${buckets}`,
  ];
  return `${[...header, ...set.entries.map((e) => e.scored.ip)].join("\n")}\n`;
}
