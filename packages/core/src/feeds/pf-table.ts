import { ChunkBuffer } from "./chunk-buffer.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

/**
 * A pf table file for `pfctl -t mlsec -T replace -f <file>` (pfctl swaps the table's contents in
 * one ioctl): a `#` header, then one address or CIDR a line. pf tables have no per-entry expiry,
 * so expired decisions are left out and the file is meant to be re-pulled on a schedule.
 */
export async function* renderPfTable(
  source: TDecisionSource,
  options: { now: Date; table?: string },
): AsyncGenerator<string> {
  const table = (options.table ?? "mlsec").replace(/[^A-Za-z0-9_-]/g, "_");
  const buf = new ChunkBuffer();
  buf.push(
    `# mlsec blocklist, ${options.now.toISOString()}\n# load with: pfctl -t ${table} -T replace -f <this file>\n`,
  );
  for await (const d of liveDecisions(source, options.now)) {
    const chunk = buf.push(`${d.value}\n`);
    if (chunk) yield chunk;
  }
  yield buf.take();
}
