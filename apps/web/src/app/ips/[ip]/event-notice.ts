/**
 * What an event verdict's form post came back with, in the IP page's query: a verdict recorded, or
 * a failure by code. Codes, not messages, so the URL carries no text anyone could craft.
 */
export type TEventNotice =
  | { eventVerdict: "benign" | "malicious"; upload: string; line: string }
  | { eventError: "invalid" | "notSampled" | "missing"; upload: string; line: string };

const ERRORS: Record<string, string> = {
  invalid: "Not recorded: that is no event of this page.",
  notSampled: "Not recorded: that line is not in the upload's event sample.",
  missing: "Not recorded: the upload is gone.",
};

/** The notice to show from the page's query, or null. */
export function eventNoticeText(
  query: Record<string, string | undefined>,
): { ok: boolean; text: string } | null {
  const line = /^\d{1,10}$/.test(query.line ?? "") ? (query.line ?? "") : "";
  if (query.eventVerdict === "benign" || query.eventVerdict === "malicious")
    return {
      ok: true,
      text: `Recorded ${query.eventVerdict} on line ${line}: it relabels that day of the address.`,
    };
  const error = ERRORS[query.eventError ?? ""];
  return error ? { ok: false, text: error } : null;
}
