import { sampleForAddress, sampleShard, type EventSampler, type TAddressDaySample } from "@mlsec/core/ingest";
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

/** The sampled days of one address in one upload (all days, or one), read from its shard only. */
export async function readEventSample(
  uploadKey: string,
  address: string,
  day?: string,
): Promise<TAddressDaySample[]> {
  const bytes = await getBytesOrNull(eventSampleKey(uploadKey, sampleShard(address)));
  if (bytes === null) return [];
  const shard = JSON.parse(Buffer.from(bytes).toString("utf8")) as TAddressDaySample[];
  return sampleForAddress(shard, address, day);
}
