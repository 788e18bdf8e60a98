import { getReportForUpload, getUpload, NotFoundError } from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { indexIps, type TIpIndex } from "./ip-query.ts";
import { rankIps, ZReportView, type TReportView } from "./report-view.ts";

export type TCachedReport = { view: TReportView; index: TIpIndex };
export type TLoadedView = { ready: true; report: TCachedReport } | { ready: false; status: string };

/** A report of 100k IPs is tens of MB parsed: keep only a few, and not for long (a retried report overwrites its key). */
const MAX_ENTRIES = 3;
const TTL_MS = 10 * 60_000;

type TEntry = { at: number; value: Promise<TCachedReport> };
// On globalThis: Next bundles each route separately, and pages and API routes must share one cache.
const holder = globalThis as unknown as { __mlsecReportCache?: Map<string, TEntry> };

/**
 * The tenant's report of one upload, parsed and indexed for paging, read from S3 at most once per
 * TTL per process. The database row is checked on every call, so another tenant's id or an unknown
 * id throws NotFoundError (404) whatever is cached.
 */
export async function loadReportView(opts: { tenantId: string; uploadId: string }): Promise<TLoadedView> {
  let s3Key: string;
  try {
    s3Key = (await getReportForUpload(opts)).s3Key;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    return { ready: false, status: (await getUpload({ tenantId: opts.tenantId, id: opts.uploadId })).status };
  }
  const cache = (holder.__mlsecReportCache ??= new Map<string, TEntry>());
  const key = `${opts.tenantId}/${s3Key}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return { ready: true, report: await hit.value };
  }
  const value = getJson(s3Key).then((json): TCachedReport => {
    const view = ZReportView.parse(json);
    return { view, index: indexIps(rankIps(view.ips)) };
  });
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value ?? "");
  return { ready: true, report: await value };
}
