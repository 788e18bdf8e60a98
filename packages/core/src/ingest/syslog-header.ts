import type { TParseContext } from "./parse-context.ts";
import { parseTimeText } from "./parse-time.ts";

export type TSyslogHeader = { timeMs: number; host: string; rest: number };

/**
 * String form for the slower parsers: timestamp, then the host token, then `rest` = index of the
 * message. A missing timestamp gives timeMs NaN and rest 0; the host is "" when the next token is
 * the program tag itself (ends with ":").
 */
export function parseSyslogHeader(line: string, ctx: TParseContext): TSyslogHeader {
  let i = 0;
  const pri = /^<\d{1,3}>(?:1 )?/.exec(line);
  if (pri) i = pri[0].length;
  const timeMs = parseTimeText(line, i, ctx);
  if (Number.isNaN(timeMs)) return { timeMs, host: "", rest: 0 };
  i = ctx.timeEnd;
  while (line.charCodeAt(i) === 32) i++;
  const sp = line.indexOf(" ", i);
  const token = sp < 0 ? line.slice(i) : line.slice(i, sp);
  // "Jan 12 06:25:13 sshd[12]: ..." has no host; "host : %ASA-..." puts a lone colon after it.
  if (token.endsWith(":") || token.startsWith("%")) return { timeMs, host: "", rest: i };
  let rest = sp < 0 ? line.length : sp + 1;
  if (line.startsWith(": ", rest)) rest += 2;
  return { timeMs, host: token, rest };
}
