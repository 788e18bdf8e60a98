import { ZTrainedModel, type TTrainedModel } from "./types.ts";

/** The model as stored (S3 object, file): JSON, checked on the way back in. */
export function serializeTrainedModel(model: TTrainedModel): string {
  return JSON.stringify(model);
}

export function parseTrainedModel(text: string): TTrainedModel {
  return ZTrainedModel.parse(JSON.parse(text));
}
