import { eventCluster } from "@mlsec/core/rank";
import { mergeRollups, type TIpDayRollup } from "@mlsec/core/rollup";
import { getTenant, getUpload, readAddressRollups, type TVerdictInput, type TVerdictKind } from "@mlsec/db";
import { findEventInSample } from "./event-sample-upload.ts";
import { tenantRankSettings } from "./tenant-rank-settings.ts";

/** A verdict on one sampled event of an upload, as an analyst gives it. */
export type TEventVerdictItem = {
  uploadId: string;
  /** 1-based line number of the event in the (decompressed) upload. */
  line: number;
  /** The event's address when the caller knows it (the IP page): only its shard is then read. */
  ip?: string | null;
  verdict: TVerdictKind;
  note?: string;
  reportId?: string | null;
};

/** The line is not among the events the upload's ingest sampled (or not the given address's). */
export class EventNotSampledError extends Error {
  constructor(
    readonly uploadId: string,
    readonly line: number,
    readonly ip: string | null,
  ) {
    super(
      `line ${line} is not in the event sample of upload ${uploadId}${ip ? ` for ${ip}` : ""}: only the ` +
        "first few events of each address and day are kept (GET /api/v1/ips/:ip/events lists them)",
    );
    this.name = "EventNotSampledError";
  }
}

/**
 * An event verdict as the verdict it stores: on the event's address and UTC day (so training
 * relabels that address-day only, as a day verdict does), with the behaviour rule the event falls
 * under that day (core eventCluster: a rule the address's merged rollup of the day matched and the
 * event itself feeds), and the event as sampled. The upload is read by tenant: another tenant's
 * upload is a NotFoundError, as a missing one is.
 */
export async function resolveEventVerdict(tenantId: string, item: TEventVerdictItem): Promise<TVerdictInput> {
  const upload = await getUpload({ tenantId, id: item.uploadId });
  const found = upload.s3Key ? await findEventInSample(upload.s3Key, item.line, item.ip ?? undefined) : null;
  if (!found) throw new EventNotSampledError(item.uploadId, item.line, item.ip ?? null);
  const [tenant, rollups] = await Promise.all([
    getTenant(tenantId),
    readAddressRollups({ tenantId, ips: [found.address] }),
  ]);
  // The day across every upload of the tenant, as ranking and training see it.
  const day = rollups
    .filter((r) => r.day === found.day)
    .reduce<TIpDayRollup | null>((acc, r) => (acc ? mergeRollups(acc, r) : r), null);
  const { line, time, srcPort, dst, dstPort, proto, action } = found.event;
  return {
    ip: found.address,
    verdict: item.verdict,
    note: item.note ?? "",
    reportId: item.reportId ?? null,
    day: found.day,
    cluster: eventCluster(found.event, day, tenantRankSettings(tenant).clusters),
    event: {
      uploadId: upload.id,
      line,
      filename: upload.filename,
      time,
      srcPort,
      dst,
      dstPort,
      proto,
      action,
    },
  };
}
