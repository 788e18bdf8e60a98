import { readFile, writeFile } from "node:fs/promises";
import { parseLibsvm, serializeTrainedModel, trainModel, type TTrainOptions } from "@mlsec/core/train";
import { parseArgs, UsageError } from "../args.ts";
import { optionalNumberOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";

const HELP = `Usage: mlsec train --libsvm FILE [options]

Train an RBF SVM on a libsvm-format file (label: positive = malicious, anything else benign) with
stratified k-fold cross-validation, folds in parallel on worker threads. Features are scaled to
[0, 1] inside each fold, classes are balanced with libsvm class weights, and probabilities come from
a Platt sigmoid fitted on the out-of-fold decision values. Without --c and --gamma a grid search
picks them by cross-validated ROC AUC.

Options:
  --libsvm FILE     training data (required)
  --folds K         folds for cross-validation (default 10)
  --c C             SVM cost C (with --gamma: no grid search)
  --gamma G         RBF gamma
  --seed N          seed of the fold assignment (default 1)
  --threads N       worker threads (default: available CPUs)
  --out FILE        write the trained model (JSON: libsvm text, scaler, metrics) to FILE
  --cv-only         cross-validate only, no final fit (what \`svm-train -v\` does)
  --json            print one JSON object: {"cvAccuracy","folds","ms",...}
  --help            this text
`;

export const command: TCommand = {
  name: "train",
  summary: "train and cross-validate an SVM",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      libsvm: { type: "string" },
      folds: { type: "string" },
      c: { type: "string" },
      gamma: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
      out: { type: "string" },
      "cv-only": { type: "boolean" },
      json: { type: "boolean" },
    });
    const file = args.strings.libsvm;
    if (!file) throw new UsageError("--libsvm FILE is required");
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
    const folds = optionalNumberOption(args.strings, "folds", { min: 1, integer: true });
    if (folds !== undefined && folds < 2) throw new UsageError("--folds must be at least 2");
    const opts: TTrainOptions = {
      folds,
      c: optionalNumberOption(args.strings, "c", { above: 0 }),
      gamma: optionalNumberOption(args.strings, "gamma", { above: 0 }),
      seed: optionalNumberOption(args.strings, "seed", { integer: true }),
      threads: optionalNumberOption(args.strings, "threads", { min: 1, integer: true }),
      cvOnly: args.booleans["cv-only"] === true,
    };
    const started = performance.now();
    const rows = parseLibsvm(await readFile(file, "utf8"));
    if (rows.length === 0) throw new Error(`${file}: no rows`);
    const model = await trainModel(rows, opts);
    const ms = Math.round(performance.now() - started);
    if (args.strings.out && !opts.cvOnly) await writeFile(args.strings.out, serializeTrainedModel(model));
    const m = model.metrics;
    const result = {
      cvAccuracy: model.cvAccuracy,
      folds: model.folds,
      ms,
      rows: rows.length,
      features: model.featureNames.length,
      c: model.c,
      gamma: model.gamma,
      auc: m.auc,
      sensitivity: m.sensitivity,
      specificity: m.specificity,
      lrPlus: m.lrPlus,
      lrMinus: m.lrMinus,
      confusion: m.confusion,
      labelCounts: model.labelCounts,
      ...(args.strings.out && !opts.cvOnly ? { model: args.strings.out } : {}),
    };
    if (args.booleans.json) {
      process.stdout.write(JSON.stringify(result) + "\n");
    } else {
      const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
      process.stdout.write(
        [
          `rows ${result.rows} (${result.labelCounts.malicious} malicious, ${result.labelCounts.benign} benign), ${result.features} features`,
          `C ${result.c}, gamma ${result.gamma}, ${result.folds}-fold cross-validation`,
          `cross-validation accuracy ${pct(result.cvAccuracy)}, ROC AUC ${m.auc.toFixed(4)}`,
          `sensitivity ${pct(m.sensitivity)}, specificity ${pct(m.specificity)}, LR+ ${m.lrPlus?.toFixed(2) ?? "n/a"}, LR- ${m.lrMinus?.toFixed(3) ?? "n/a"}`,
          `confusion tp ${m.confusion.tp} fp ${m.confusion.fp} tn ${m.confusion.tn} fn ${m.confusion.fn}`,
          ...(result.model ? [`model written to ${result.model}`] : []),
          `${ms} ms`,
          "",
        ].join("\n"),
      );
    }
    return 0;
  },
};
