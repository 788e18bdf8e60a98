/**
 * What a parser says about a line: null = the record holds an event, otherwise a reason. Lines
 * that are well-formed but carry no event (headers, sshd "Accepted ...", Suricata stats) are
 * "ignored" rather than "rejected"; both are counted, sampled and reported, never dropped.
 */
export type TOutcome = string | null;

/** The parser does not recognise the line as its format at all (used to fall back to detection). */
export const NOT_THIS_FORMAT = "unrecognised-format";

export const IGNORED_REASONS: ReadonlySet<string> = new Set(["blank", "header", "comment", "not-an-event"]);
