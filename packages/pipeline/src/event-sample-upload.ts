import {
  findSampledEvent,
  sampleForAddress,
  sampleShard,
  SAMPLE_SHARDS,
  type EventSampler,
  type TAddressDaySample,
  type TFoundEvent,
} from "@mlsec/core/ingest";
import { eventSampleKey, getBytesOrNull, putJson } from "@mlsec/storage";

/**
 * Writes an upload's event sample beside its raw file, one object per shard. The keys depend only
 * on the upload and the shard, and the sample only on the bytes, so a retried ingest overwrites
 * the same objects with the same content instead of adding a second sample.
 */
export async function writeEventSample(uploadKey: string, sampler: EventSampler): Promise<number> {
  const shards = [...sampler.shards()];
  // A few writes at a time: 64 at once would hold every shard's JSON in memory together.
  for (let i = 0; i < shards.length; i += 8)
    await Promise.all(shards.slice(i, i + 8).map(([n, list]) => putJson(eventSampleKey(uploadKey, n), list)));
  return shards.length;
}

/** One shard of an upload's sample; empty when it was never written (no address hashed to it). */
async function readShard(uploadKey: string, n: number): Promise<TAddressDaySample[]> {
  const bytes = await getBytesOrNull(eventSampleKey(uploadKey, n));
  if (bytes === null) return [];
  return JSON.parse(Buffer.from(bytes).toString("utf8")) as TAddressDaySample[];
}

/** The sampled days of one address in one upload (all days, or one), read from its shard only. */
export async function readEventSample(
  uploadKey: string,
  address: string,
  day?: string,
): Promise<TAddressDaySample[]> {
  return sampleForAddress(await readShard(uploadKey, sampleShard(address)), address, day);
}

/**
 * The sampled event at `line` of an upload, or null when the sample does not hold it. With the
 * address, one shard is read and the event must be that address's; without it the shards are read
 * a few at a time until one holds the line (a line number says nothing of its address's shard).
 */
export async function findEventInSample(
  uploadKey: string,
  line: number,
  address?: string,
): Promise<TFoundEvent | null> {
  if (address !== undefined) return findSampledEvent(await readEventSample(uploadKey, address), line);
  for (let i = 0; i < SAMPLE_SHARDS; i += 8) {
    const batch = Array.from({ length: Math.min(8, SAMPLE_SHARDS - i) }, (_, k) => i + k);
    const shards = await Promise.all(batch.map((n) => readShard(uploadKey, n)));
    for (const shard of shards) {
      const found = findSampledEvent(shard, line);
      if (found) return found;
    }
  }
  return null;
}
