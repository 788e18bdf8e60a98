// Analysts' verdicts, for the feedback route of apps/web.
export { recordFeedback, type TFeedbackResult } from "../record-feedback.ts";
