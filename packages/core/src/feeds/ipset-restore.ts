import { ChunkBuffer } from "./chunk-buffer.ts";
import { FAMILY_BITS, formatBlock, parseFeedBlock } from "./feed-block.ts";
import { type TDecisionSource, liveDecisions, remainingSeconds } from "./feed-source.ts";

export type TIpsetOptions = {
  now: Date;
  setV4?: string;
  setV6?: string;
  /** ipset's default of 65,536 elements is far below a large tenant's list; "Hash is full" otherwise. */
  maxElements?: number;
};

export const IPSET_DEFAULTS = { setV4: "mlsec-v4", setV6: "mlsec-v6", maxElements: 2_000_000 } as const;

/** The kernel keeps ipset timeouts in milliseconds in 32 bits: `ipset` refuses more than this. */
export const IPSET_MAX_TIMEOUT_SECONDS = 2_147_483;

/** Set names: at most 31 bytes in the kernel, and "-tmp" is appended to the staging set. */
const IPSET_NAME = /^[A-Za-z0-9_.-]{1,27}$/;

/**
 * `ipset restore` input that replaces two hash:net sets (IPv4 `mlsec-v4`, IPv6 `mlsec-v6`)
 * atomically: both live sets are created if missing (`-exist`), the elements go into `<name>-tmp`
 * (created or flushed, so a run that failed half-way does not leave stale entries), then `swap`
 * exchanges staging and live in one step and the staging set is destroyed. `ipset restore` is not a
 * transaction: an error stops it before the swaps, leaving the live sets as they were. Timeouts are
 * the remaining validity, capped at IPSET_MAX_TIMEOUT_SECONDS (about 24.8 days: a longer listing
 * lapses early unless the feed is pulled again before). hash:net cannot hold /0, so a /0 becomes its two halves.
 */
export async function* renderIpsetRestore(
  source: TDecisionSource,
  options: TIpsetOptions,
): AsyncGenerator<string> {
  const names = {
    4: checkName(options.setV4 ?? IPSET_DEFAULTS.setV4),
    6: checkName(options.setV6 ?? IPSET_DEFAULTS.setV6),
  };
  const maxElements = options.maxElements ?? IPSET_DEFAULTS.maxElements;
  if (!Number.isInteger(maxElements) || maxElements < 1)
    throw new RangeError(`maxElements must be a positive integer`);
  const buf = new ChunkBuffer();
  let head = `# mlsec blocklist, ${options.now.toISOString()}: atomic replacement by swap.\n`;
  for (const [fam, inet] of [
    [4, "inet"],
    [6, "inet6"],
  ] as const) {
    const create = `hash:net family ${inet} timeout 0 maxelem ${maxElements} -exist`;
    head += `create ${names[fam]} ${create}\ncreate ${names[fam]}-tmp ${create}\nflush ${names[fam]}-tmp\n`;
  }
  buf.push(head);
  for await (const d of liveDecisions(source, options.now)) {
    const block = parseFeedBlock(d.value);
    if (!block) continue;
    const seconds = Math.min(IPSET_MAX_TIMEOUT_SECONDS, remainingSeconds(d, options.now) ?? 1);
    const tmp = `${names[block.family]}-tmp`;
    let text: string;
    if (block.bits === 0) {
      const half = 1n << BigInt(FAMILY_BITS[block.family] - 1);
      text =
        `add ${tmp} ${formatBlock({ ...block, bits: 1 })} timeout ${seconds} -exist\n` +
        `add ${tmp} ${formatBlock({ family: block.family, start: half, bits: 1 })} timeout ${seconds} -exist\n`;
    } else text = `add ${tmp} ${formatBlock(block)} timeout ${seconds} -exist\n`;
    const chunk = buf.push(text);
    if (chunk) yield chunk;
  }
  buf.push(
    `swap ${names[4]}-tmp ${names[4]}\ndestroy ${names[4]}-tmp\n` +
      `swap ${names[6]}-tmp ${names[6]}\ndestroy ${names[6]}-tmp\n`,
  );
  yield buf.take();
}

function checkName(name: string): string {
  if (!IPSET_NAME.test(name))
    throw new RangeError(`not a safe ipset name (<= 27 of A-Z a-z 0-9 _ . -): ${JSON.stringify(name)}`);
  return name;
}
