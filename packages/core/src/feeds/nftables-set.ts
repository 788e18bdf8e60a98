import { ChunkBuffer } from "./chunk-buffer.ts";
import { type TDecisionSource, liveDecisions, remainingSeconds } from "./feed-source.ts";
import { withoutOverlaps } from "./without-overlaps.ts";

export type TNftablesOptions = {
  now: Date;
  /** nft table family; inet matches both IPv4 and IPv6 traffic. */
  tableFamily?: "inet" | "ip" | "ip6" | "bridge" | "netdev";
  table?: string;
  setV4?: string;
  setV6?: string;
  /** Elements per `add element` statement (keeps lines and parser buffers short). */
  elementsPerStatement?: number;
};

export const NFTABLES_DEFAULTS = {
  tableFamily: "inet",
  table: "mlsec",
  setV4: "mlsec-v4",
  setV6: "mlsec-v6",
} as const;

/** nft identifiers: a letter, then letters, digits, "_", "-", "."; anything else could inject syntax. */
const NFT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * An `nft -f` script that (re)defines `table <family> mlsec` with sets `mlsec-v4` (ipv4_addr) and
 * `mlsec-v6` (ipv6_addr), both `flags interval, timeout` (interval so CIDRs are elements), flushes
 * them and adds every live decision with `timeout <remaining>s`. `nft -f` applies a file as one
 * transaction, so packets see either the old list or the new one, never an empty set; an error
 * anywhere leaves the old list in place. Elements inside an earlier one are dropped (nft rejects
 * overlapping intervals); input must arrive in `decisionSortKey` order for that.
 * Rules are the operator's: e.g. `nft add chain inet mlsec input '{ type filter hook input priority
 * -10; }'` and `nft add rule inet mlsec input ip saddr @mlsec-v4 drop` (a reload keeps them).
 */
export async function* renderNftablesScript(
  source: TDecisionSource,
  options: TNftablesOptions,
): AsyncGenerator<string> {
  const family = options.tableFamily ?? NFTABLES_DEFAULTS.tableFamily;
  const table = checkName(options.table ?? NFTABLES_DEFAULTS.table);
  const sets = {
    4: checkName(options.setV4 ?? NFTABLES_DEFAULTS.setV4),
    6: checkName(options.setV6 ?? NFTABLES_DEFAULTS.setV6),
  };
  const perStatement = options.elementsPerStatement ?? 1000;
  const buf = new ChunkBuffer();
  buf.push(
    `#!/usr/sbin/nft -f\n# mlsec blocklist, ${options.now.toISOString()}: replaces the sets' contents in one transaction.\n` +
      `add table ${family} ${table}\n` +
      `add set ${family} ${table} ${sets[4]} { type ipv4_addr; flags interval, timeout; }\n` +
      `add set ${family} ${table} ${sets[6]} { type ipv6_addr; flags interval, timeout; }\n` +
      `flush set ${family} ${table} ${sets[4]}\n` +
      `flush set ${family} ${table} ${sets[6]}\n`,
  );
  let openFamily: 4 | 6 | null = null;
  let inStatement = 0;
  for await (const d of withoutOverlaps(liveDecisions(source, options.now))) {
    const seconds = remainingSeconds(d, options.now) ?? 1;
    let text = "";
    if (openFamily !== d.family || inStatement === perStatement) {
      if (openFamily !== null) text += " }\n";
      text += `add element ${family} ${table} ${sets[d.family]} { `;
      openFamily = d.family;
      inStatement = 0;
    } else text += ", ";
    text += `${d.value} timeout ${seconds}s`;
    inStatement++;
    const chunk = buf.push(text);
    if (chunk) yield chunk;
  }
  if (openFamily !== null) buf.push(" }\n");
  yield buf.take();
}

function checkName(name: string): string {
  if (!NFT_NAME.test(name)) throw new RangeError(`not a safe nft table or set name: ${JSON.stringify(name)}`);
  return name;
}
