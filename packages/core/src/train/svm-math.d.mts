export type TScaler = { min: number[]; max: number[] };
export type TSvmModel = {
  d: number;
  total: number;
  gamma: number;
  rho: number;
  sign: 1 | -1;
  sv: Float64Array;
  coef: Float64Array;
};
export function fitScaler(X: ArrayLike<number>, d: number, rows: Iterable<number>): TScaler;
export function scaleRow(x: ArrayLike<number>, scaler: TScaler): number[];
export function parseSvmModel(text: string, d: number): TSvmModel;
export function decisionValue(model: TSvmModel, x: ArrayLike<number>): number;
