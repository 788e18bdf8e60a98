import { listUploads } from "@mlsec/db";
import type { TAddressDaySample } from "@mlsec/core/ingest";
import { readEventSample } from "./event-sample-upload.ts";

/** How many of the tenant's newest uploads are searched: one small S3 read each. */
export const IP_EVENT_UPLOADS = 50;

export type TIpEventDay = TAddressDaySample & { uploadId: string; filename: string };

/**
 * The sampled events of one address in the tenant's newest uploads (all days, or one), newest
 * upload first: the events behind a flagged address, and the references event verdicts name.
 * Only the tenant's own uploads are read, so another tenant's address yields nothing.
 */
export async function loadIpEvents(opts: {
  tenantId: string;
  ip: string;
  day?: string;
}): Promise<TIpEventDay[]> {
  const uploads = await listUploads({ tenantId: opts.tenantId, take: IP_EVENT_UPLOADS });
  const found = await Promise.all(
    uploads.map(async (u) =>
      !u.s3Key
        ? []
        : (await readEventSample(u.s3Key, opts.ip, opts.day)).map((d) => ({
            ...d,
            uploadId: u.id,
            filename: u.filename,
          })),
    ),
  );
  return found.flat();
}
