import { canonicalIp } from "@mlsec/core/ip-lists";
import { scoreIps } from "@mlsec/core/pipeline";
import { type TRankSnapshot, hasCommunityFeatures } from "@mlsec/core/rank";
import type { TScoredIp } from "@mlsec/core/report";
import { applyLists } from "@mlsec/core/score";
import { loadPredictor, type TTrainedModel, ZTrainedModel } from "@mlsec/core/train";
import { getActiveModel, getTenant, newestReportedUpload } from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { sharedAsnTable, sharedCountryTable } from "./asn-table.ts";
import type { TCommunityView } from "@mlsec/core/community";
import { tenantCommunityView } from "./community-pool.ts";
import { loadUploadSnapshot } from "./upload-snapshot.ts";
import { loadListMatcher } from "./tenant-lists.ts";

export type TTenantIpView = TScoredIp & {
  /** Ranks as of this day (the tenant's latest done upload); only events before it count. */
  asOf: string;
  uploadId: string;
  /** Active model version, or null when the baseline scored it. */
  modelVersion: number | null;
};

// A snapshot is parsed once per upload and kept: the IP page asks about many IPs of the same one.
const cache = new Map<string, Promise<TRankSnapshot>>();
const CACHE_SIZE = 2;

async function snapshotOf(s3Key: string): Promise<TRankSnapshot> {
  let hit = cache.get(s3Key);
  if (!hit) {
    hit = (async () => loadUploadSnapshot(s3Key, await sharedAsnTable()))();
    cache.set(s3Key, hit);
    hit.catch(() => cache.delete(s3Key));
    for (const key of cache.keys()) if (cache.size > CACHE_SIZE) cache.delete(key);
  }
  return hit;
}

// Model artefacts are immutable per S3 key (a new version gets a new key), so they cache safely.
const models = new Map<string, Promise<TTrainedModel>>();

function modelOf(s3Key: string): Promise<TTrainedModel> {
  let hit = models.get(s3Key);
  if (!hit) {
    hit = getJson(s3Key).then((json) => ZTrainedModel.parse(json));
    models.set(s3Key, hit);
    hit.catch(() => models.delete(s3Key));
    for (const key of models.keys()) if (models.size > CACHE_SIZE) models.delete(key);
  }
  return hit;
}

// The community view changes once a day (the job): kept a few minutes per (tenant, as-of day).
const views = new Map<string, { at: number; view: Promise<TCommunityView | null> }>();
const VIEW_TTL_MS = 10 * 60_000;

function communityOf(tenantId: string, asOf: string): Promise<TCommunityView | null> {
  const key = `${tenantId}|${asOf}`;
  const hit = views.get(key);
  if (hit && Date.now() - hit.at < VIEW_TTL_MS) return hit.view;
  const view = tenantCommunityView({ tenantId, asOf });
  views.set(key, { at: Date.now(), view });
  view.catch(() => views.delete(key));
  for (const k of views.keys()) if (views.size > CACHE_SIZE) views.delete(k);
  return view;
}

/**
 * The tenant's view of one IP: scored with its active model (the baseline without one) against the
 * rank snapshot of its latest done upload, with the tenant's triage thresholds. Null when the text
 * is not an address or the tenant has no ranked upload yet (the route answers 404 for both).
 * `events` is 0: the snapshot holds ranks, not this upload's per-IP counts.
 */
export async function scoreIpForTenant(opts: {
  tenantId: string;
  ip: string;
}): Promise<TTenantIpView | null> {
  const ip = canonicalIp(opts.ip);
  if (!ip) return null;
  const upload = await newestReportedUpload(opts.tenantId);
  if (!upload) return null;
  const [snapshot, tenant, active] = await Promise.all([
    snapshotOf(upload.s3Key),
    getTenant(opts.tenantId),
    getActiveModel(opts.tenantId),
  ]);
  const model = active ? await modelOf(active.s3Key) : null;
  const predictor = model ? await loadPredictor(model) : null;
  const community =
    !model || hasCommunityFeatures(model.featureNames)
      ? await communityOf(opts.tenantId, snapshot.asOf)
      : null;
  try {
    const [scored] = applyLists(
      scoreIps({
        snapshot,
        ips: { [ip]: 0 },
        model,
        predictor,
        triage: tenant ? { block: tenant.triageBlock, review: tenant.triageReview } : undefined,
        countries: await sharedCountryTable(),
        community,
      }),
      await loadListMatcher(opts.tenantId),
    );
    if (!scored) return null;
    return { ...scored, asOf: snapshot.asOf, uploadId: upload.id, modelVersion: active?.version ?? null };
  } finally {
    predictor?.close();
  }
}
