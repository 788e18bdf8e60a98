import { z } from "zod";

/**
 * What the ingest stage keeps for the later stages of one upload, stored next to the upload in S3:
 * its date range, its source IPs with event counts, and the rejected-line samples for the report.
 */
export const ZIngestSummary = z.object({
  lines: z.number().int(),
  events: z.number().int(),
  rejected: z.number().int(),
  byFormat: z.record(z.string(), z.number()),
  rejectedByReason: z.record(z.string(), z.number()),
  rejectedSamples: z.array(z.object({ reason: z.string(), line: z.number(), text: z.string() })),
  sources: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  /** Source IP -> events in this upload. */
  ips: z.record(z.string(), z.number().int()),
});
export type TIngestSummary = z.infer<typeof ZIngestSummary>;

/**
 * The summary as JSON text in chunks, with `ips` written straight from an iterator: an upload with
 * hundreds of thousands of sources never holds them as one object (~200 bytes of heap per source).
 */
export function* ingestSummaryJson(
  head: Omit<TIngestSummary, "ips">,
  ips: Iterable<[string, number]>,
): Generator<string> {
  yield `${JSON.stringify(head).slice(0, -1)},"ips":{`;
  let chunk = "";
  let sep = "";
  for (const [ip, events] of ips) {
    chunk += `${sep}${JSON.stringify(ip)}:${events}`;
    sep = ",";
    if (chunk.length > 32_768) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}}}`;
}
