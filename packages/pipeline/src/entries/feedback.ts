// Analysts' verdicts, for the feedback route of apps/web.
export { recordFeedback, type TFeedbackItem, type TFeedbackResult } from "../record-feedback.ts";
export { EventNotSampledError, type TEventVerdictItem } from "../event-verdicts.ts";
