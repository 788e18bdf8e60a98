import { randomUUID } from "node:crypto";
import { loadWorkerEnv } from "@mlsec/config";
import { DatasetBuilder, loadShippedScanners } from "@mlsec/core/labels";
import { trainFromDataset } from "@mlsec/core/pipeline";
import type { TTrainOptions } from "@mlsec/core/train";
import { resolveRankOptions, type TClusterRule, type TDecay } from "@mlsec/core/rank";
import { countVerdictsSince, getActiveModel, registerModel, verdictsForTraining } from "@mlsec/db";
import { modelKey, putJson } from "@mlsec/storage";
import { sharedAsnTable } from "./asn-table.ts";
import { loadTenantPool, poolFrom } from "./community-pool.ts";
import { forEachLabelDay, LABEL_DAYS } from "./label-day-history.ts";
import { modelRegistryMetrics } from "./model-registry-metrics.ts";
import { decidePromotion } from "./promotion.ts";
import { trainingAllowlist } from "./tenant-lists.ts";

// Kept where the label-day reading lives, so readers of it (provenance) need not load training.
export { LABEL_DAYS };
export { MIN_AUC_AFTER_VERDICTS } from "./promotion.ts";

export type TTrainResult =
  | { trained: false; note: string | null }
  | {
      trained: true;
      version: number;
      promoted: boolean;
      modelId: string;
      /** The model that was active before this one (null: none), when this one replaced it. */
      replaced: { id: string; createdAt: Date } | null;
    };

/**
 * Labels the tenant's days before `asOf` (analyst verdicts overriding automatic labels, allow-list
 * entries benign), trains and cross-validates an SVM, stores it in S3 and registers it as the next
 * version, active only if it is not worse than the active one. Used by the upload's train stage and
 * by the retrain job.
 */
export async function trainTenantModel(opts: {
  tenantId: string;
  asOf: string;
  decay: TDecay;
  clusters: TClusterRule[];
  /** Cap on the labelled rows; default TRAIN_MAX_ROWS from the worker's environment. */
  maxRows?: number;
  /**
   * A cancel (the worker's job taken away): checked at each label day and before anything is
   * stored, so a cancelled training registers no model. The grid search itself runs to its end.
   */
  signal?: AbortSignal;
  /**
   * Fixed C and gamma (a quick fit, no grid search; default: the grid search), folds (default 10)
   * and SVM threads (default: every CPU) with their nice value (default 0).
   */
  params?: Pick<TTrainOptions, "c" | "gamma" | "folds" | "threads" | "niceness">;
}): Promise<TTrainResult> {
  const asn = await sharedAsnTable();
  const [verdicts, allowlist, pool] = await Promise.all([
    verdictsForTraining(opts.tenantId),
    trainingAllowlist(opts.tenantId),
    // The community pool minus this tenant's own rows, for every label day's horizon.
    loadTenantPool({ tenantId: opts.tenantId, from: poolFrom(opts.asOf, LABEL_DAYS), before: opts.asOf }),
  ]);
  // One label day at a time, sampled down to the cap as it goes: memory is one day's rollups, two
  // rank snapshots and the cap's rows, however many sources the tenant has.
  const dataset = new DatasetBuilder({
    allowlist,
    verdicts,
    scanners: loadShippedScanners(),
    asn,
    seed: 1,
    clusters: resolveRankOptions({ asOf: opts.asOf, clusters: opts.clusters }).clusters,
    maxRows: opts.maxRows ?? loadWorkerEnv().TRAIN_MAX_ROWS,
    // With an empty pool the columns would be all zeros: leave them out until there is a pool.
    ...(pool.rows.length > 0 ? { community: pool } : {}),
  });
  await forEachLabelDay(
    {
      tenantId: opts.tenantId,
      asOf: opts.asOf,
      labelDays: LABEL_DAYS,
      rank: { decay: opts.decay, clusters: opts.clusters, asn },
    },
    (day) => {
      opts.signal?.throwIfAborted();
      dataset.addDay({ ...day, snapshot: () => day.snapshot });
    },
  );
  const outcome = await trainFromDataset(dataset.finish(), {
    asOf: opts.asOf,
    seed: 1,
    train: { gridRows: loadWorkerEnv().TRAIN_GRID_ROWS, ...opts.params },
  });
  opts.signal?.throwIfAborted();
  if (!outcome.model) return { trained: false, note: outcome.note };
  const active = await getActiveModel(opts.tenantId);
  const promote = decidePromotion({
    candidate: outcome.model,
    active: active ? active.metrics : null,
    verdictsSinceActive: active
      ? await countVerdictsSince({ tenantId: opts.tenantId, since: active.createdAt })
      : 0,
  });
  opts.signal?.throwIfAborted();
  const key = modelKey(opts.tenantId, randomUUID());
  await putJson(key, outcome.model);
  const row = await registerModel({
    tenantId: opts.tenantId,
    s3Key: key,
    metrics: modelRegistryMetrics(outcome.model),
    promote,
  });
  return {
    trained: true,
    version: row.version,
    promoted: promote,
    modelId: row.id,
    replaced: promote && active ? { id: active.id, createdAt: active.createdAt } : null,
  };
}
