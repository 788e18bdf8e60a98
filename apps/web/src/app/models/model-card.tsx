import { ChartFrame } from "@/components/charts/chart-frame.tsx";
import { RocChart } from "@/components/charts/roc-chart.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import type { TMetricsView, TTrainingView } from "@/lib/model-view.ts";

export type TModelCard = {
  version: number;
  status: string;
  createdAt: string;
  metrics: TMetricsView;
  training: TTrainingView;
  baseline: TMetricsView | null;
};

const fmt = (v: number | null, digits = 3) => (v === null ? "—" : v.toFixed(digits));
const ROWS: [string, keyof TMetricsView, string][] = [
  ["Accuracy", "accuracy", "share of labelled addresses classified right"],
  ["Sensitivity", "sensitivity", "malicious addresses caught"],
  ["Specificity", "specificity", "benign addresses left alone"],
  ["LR+", "lrPlus", "sensitivity / (1 − specificity); — when no false positives"],
  ["LR−", "lrMinus", "(1 − sensitivity) / specificity"],
  ["AUC", "auc", "ROC area"],
];

/** One model version: metrics beside the baseline's, confusion matrix, ROC curve when stored. */
export function ModelCard({ model }: { model: TModelCard }) {
  const { metrics: m, baseline: b } = model;
  const num = (metrics: TMetricsView | null, key: keyof TMetricsView) => {
    const v = metrics?.[key];
    return typeof v === "number" || v === null ? v : null;
  };
  return (
    <section className="panel" data-testid={`model-v${model.version}`}>
      <div className="row between">
        <h2 style={{ margin: 0 }}>Version {model.version}</h2>
        <StatusBadge value={model.status} />
      </div>
      <p className="muted">
        Trained {formatDateTime(model.createdAt)}
        {m.n !== null ? ` · ${formatCount(m.n)} labelled rows` : ""}
      </p>
      <TrainingFacts training={model.training} />
      <table className="compact" data-testid="model-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">Model</th>
            <th className="num">Baseline</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([label, key, title]) => (
            <tr key={key}>
              <td title={title}>{label}</td>
              <td className="num">{fmt(num(m, key))}</td>
              <td className="num muted">{b ? fmt(num(b, key)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.confusion && (
        <>
          <h3>Confusion matrix</h3>
          <table className="compact" data-testid="confusion">
            <thead>
              <tr>
                <th />
                <th className="num">predicted malicious</th>
                <th className="num">predicted benign</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>malicious</td>
                <td className="num">{formatCount(m.confusion.tp)}</td>
                <td className="num">{formatCount(m.confusion.fn)}</td>
              </tr>
              <tr>
                <td>benign</td>
                <td className="num">{formatCount(m.confusion.fp)}</td>
                <td className="num">{formatCount(m.confusion.tn)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      {m.roc && (
        <div style={{ marginTop: "0.75rem" }}>
          <ChartFrame title="ROC curve" note="cross-validated" testId="chart-roc">
            <RocChart points={m.roc} auc={m.auc} />
          </ChartFrame>
        </div>
      )}
    </section>
  );
}

/** RBF SVM settings and the labelled data the version learned from. */
function TrainingFacts({ training: t }: { training: TTrainingView }) {
  const facts: [string, string][] = [];
  if (t.labelCounts)
    facts.push([
      "Labelled",
      `${formatCount(t.labelCounts.malicious)} malicious, ${formatCount(t.labelCounts.benign)} benign`,
    ]);
  if (t.dataWindow) facts.push(["Label days", `${t.dataWindow.from} to ${t.dataWindow.to}`]);
  if (t.c !== null && t.gamma !== null) facts.push(["RBF SVM", `C = ${t.c}, γ = ${t.gamma}`]);
  if (t.threshold !== null) facts.push(["Threshold", t.threshold.toFixed(3)]);
  if (t.folds !== null) facts.push(["Cross-validation", `${t.folds} folds`]);
  if (facts.length === 0) return null;
  return (
    <dl className="facts" style={{ marginBottom: "0.75rem" }}>
      {facts.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
