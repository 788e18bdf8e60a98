export { createCidrSet, type TCidrSet } from "./cidr-set.ts";
export { sampleBenign } from "./sample-benign.ts";
export { sampleBackground } from "./sample-background.ts";
export { loadShippedBenign, loadShippedScanners, SHIPPED_DATA_DIR } from "./shipped-lists.ts";
export {
  assembleLabels,
  type TCandidate,
  type TLabel,
  type TNoisePolicy,
  type TVerdict,
} from "./assemble-labels.ts";
export { buildDataset, type TBuildDatasetOptions, type TDatasetRow } from "./build-dataset.ts";
export { DatasetBuilder, type TDatasetBuilderOptions } from "./dataset-builder.ts";
export { verdictEventText, ZVerdictEvent, type TVerdictEvent } from "./verdict-event.ts";
