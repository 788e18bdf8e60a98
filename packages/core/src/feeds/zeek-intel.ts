import { ChunkBuffer } from "./chunk-buffer.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

/**
 * The header Zeek's Input framework reads an intel file by: `#fields` and the column names,
 * separated by single tabs (spaces make it fail to parse the file).
 */
export const ZEEK_INTEL_HEADER = "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url\n";

export type TZeekIntelOptions = {
  now: Date;
  /** meta.source: which feed said so (shows in intel.log's `sources`). */
  source?: string;
  /** meta.url, e.g. the report page; "-" (Zeek's unset field) when omitted. */
  url?: (d: TFeedDecision) => string;
};

/**
 * A Zeek Intel framework file (`redef Intel::read_files += { ".../mlsec.intel" };`): one line per
 * live decision, `Intel::ADDR` for an address and `Intel::SUBNET` for a CIDR, with the score,
 * bucket, cluster and expiry in meta.desc. Tabs and newlines inside fields would shift columns, so
 * they become spaces. Zeek's intel has no per-item expiry (only the global Intel::item_expiration),
 * so expired decisions are left out.
 */
export async function* renderZeekIntel(
  source: TDecisionSource,
  options: TZeekIntelOptions,
): AsyncGenerator<string> {
  const src = field(options.source ?? "mlsec");
  const buf = new ChunkBuffer();
  buf.push(ZEEK_INTEL_HEADER);
  for await (const d of liveDecisions(source, options.now)) {
    const type = d.value.includes("/") ? "Intel::SUBNET" : "Intel::ADDR";
    const desc = `${d.bucket} score=${d.score.toFixed(2)} cluster=${d.cluster} asof=${d.asOf} until=${d.validUntil}`;
    const url = options.url ? field(options.url(d)) : "-";
    const chunk = buf.push(`${d.value}\t${type}\t${src}\t${field(desc)}\t${url}\n`);
    if (chunk) yield chunk;
  }
  yield buf.take();
}

/** A field Zeek reads back as written: no separators, and "-" (unset) for nothing. */
function field(text: string): string {
  const clean = text.replace(/[\t\r\n]/g, " ");
  return clean === "" ? "-" : clean;
}
