import type { TFormatName } from "../../events/event.ts";
import type { TOutcome } from "../outcome.ts";
import type { TParseContext } from "../parse-context.ts";
import type { ParsedRecord } from "../parsed-record.ts";

/**
 * One log format. `sniff` is a cheap test used by detection; `parse` fills the shared record and
 * returns null for an event or a reason. Both must accept any string without throwing.
 */
export type TLineParser = {
  format: TFormatName;
  sniff(line: string, ctx: TParseContext): boolean;
  parse(line: string, ctx: TParseContext, out: ParsedRecord): TOutcome;
};
