import type { TAction } from "../rollup/rollup-constants.ts";

/**
 * The one mutable record every parser fills for the current line. Reused for the whole stream so
 * the hot loop allocates nothing per event; an event object (TEvent) is only built when a caller
 * asks for events. IPv4 addresses travel as unsigned 32-bit numbers (srcV4/dstV4 >= 0) and their
 * text is produced lazily; otherwise the text field holds the canonical IPv6 address.
 */
export class ParsedRecord {
  timeMs = 0;
  srcV4 = -1;
  src = "";
  srcPort = -1;
  dstV4 = -1;
  dst = "";
  dstPort = -1;
  /** Lower-case protocol, "" when unknown. */
  proto = "";
  action: TAction = "block";
  sensor = "";
  count = 1;

  reset(): void {
    this.timeMs = 0;
    this.srcV4 = -1;
    this.src = "";
    this.srcPort = -1;
    this.dstV4 = -1;
    this.dst = "";
    this.dstPort = -1;
    this.proto = "";
    this.action = "block";
    this.sensor = "";
    this.count = 1;
  }
}
