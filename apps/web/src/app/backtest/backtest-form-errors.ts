import { MAX_BACKTEST_DAYS } from "@mlsec/pipeline/backtest";

/** Why the form's post was refused, as a code in the URL (no free text rides in it). */
export const BACKTEST_FORM_ERRORS = {
  range: `Choose at most ${MAX_BACKTEST_DAYS} days, the last not before the first.`,
  nodata: "There is no data in that range (or none yet: upload a log first).",
  active: "A backtest is already queued or running; wait for it to finish.",
} as const;
export type TBacktestFormError = keyof typeof BACKTEST_FORM_ERRORS;

export const backtestFormError = (code: string | string[] | undefined): string | null =>
  typeof code === "string" && Object.hasOwn(BACKTEST_FORM_ERRORS, code)
    ? BACKTEST_FORM_ERRORS[code as TBacktestFormError]
    : null;
