import Link from "next/link";
import { listModels } from "@mlsec/db";
import { loadModelBaseline } from "@/lib/model-baseline.ts";
import { readModelMetrics } from "@/lib/model-view.ts";
import { requireSession } from "@/lib/require-session.ts";
import { ModelCard } from "./model-card.tsx";
import { RetrainNotice } from "./retrain-notice.tsx";

/** Artefacts read for baseline metrics: the newest versions only, older ones show the model alone. */
const BASELINE_VERSIONS = 10;

/** The tenant's model versions, newest first, with their cross-validated metrics and ROC curves. */
export default async function ModelsPage() {
  const user = await requireSession();
  const rows = await listModels(user.tenantId);
  const models = await Promise.all(
    rows.map(async (row, i) => {
      const { metrics, baseline, training } = readModelMetrics(row.metrics);
      return {
        id: row.id,
        version: row.version,
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        metrics,
        training,
        baseline: baseline ?? (i < BASELINE_VERSIONS ? await loadModelBaseline(row.s3Key) : null),
      };
    }),
  );
  return (
    <>
      <h1>Models</h1>
      <p className="muted">
        Each training run stores a new version; the active one scores your reports. Metrics are
        cross-validated on your labelled addresses; the baseline is the no-learning rank score on the same
        folds. A <Link href="/backtest">backtest</Link> shows how models trained day by day would have done on
        the days that followed.
      </p>
      <RetrainNotice tenantId={user.tenantId} />
      {models.length === 0 ? (
        <div className="panel empty" data-testid="models-empty">
          No model yet. One is trained after an upload once there are enough labelled addresses.
        </div>
      ) : (
        <div className="cards" data-testid="models">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} />
          ))}
        </div>
      )}
    </>
  );
}
