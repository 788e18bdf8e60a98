import { DatasetBuilder, loadShippedScanners, type TDatasetRow, type TVerdict } from "@mlsec/core/labels";
import { resolveRankOptions } from "@mlsec/core/rank";
import { verdictsForTraining } from "@mlsec/db";
import { forEachLabelDay, LABEL_DAYS } from "../src/label-day-history.ts";
import { trainingAllowlist } from "../src/tenant-lists.ts";
import { loadUploadContext } from "../src/upload-context.ts";

/**
 * The labelled rows the next training after an upload would use (the train stage's DatasetBuilder
 * over its label days, with the tenant's verdictsForTraining and allowlist), without training: a
 * test compares them with and without a verdict. `keep` filters the verdicts (the "before" side).
 */
export async function nextTrainingRows(opts: {
  tenantId: string;
  uploadId: string;
  keep?: (v: TVerdict) => boolean;
}): Promise<{ asOf: string; rows: TDatasetRow[] }> {
  const { asOf, decay, clusters } = await loadUploadContext(opts);
  const verdicts = (await verdictsForTraining(opts.tenantId)).filter(opts.keep ?? (() => true));
  const dataset = new DatasetBuilder({
    allowlist: await trainingAllowlist(opts.tenantId),
    verdicts,
    scanners: loadShippedScanners(),
    asn: null,
    seed: 1,
    clusters: resolveRankOptions({ asOf, clusters }).clusters,
    maxRows: 10_000,
  });
  await forEachLabelDay(
    { tenantId: opts.tenantId, asOf, labelDays: LABEL_DAYS, rank: { decay, clusters, asn: null } },
    (day) => dataset.addDay({ ...day, snapshot: () => day.snapshot }),
  );
  return { asOf, rows: dataset.finish().rows };
}
