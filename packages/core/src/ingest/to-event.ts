import { classifyAddress, classifyIpv4 } from "../events/classify-address.ts";
import type { TEvent, TFormatName } from "../events/event.ts";
import { formatIpv4 } from "../events/parse-ipv4.ts";
import type { ParsedRecord } from "./parsed-record.ts";

export type TToEvent = typeof toEvent;

/** Builds the public event object from the shared record; only called when a caller wants events. */
export function toEvent(r: ParsedRecord, format: TFormatName, line: number, offset: number): TEvent {
  const src = r.srcV4 >= 0 ? formatIpv4(r.srcV4) : r.src;
  return {
    time: new Date(r.timeMs).toISOString(),
    src,
    srcClass: r.srcV4 >= 0 ? classifyIpv4(r.srcV4) : classifyAddress(src),
    srcPort: r.srcPort < 0 ? null : r.srcPort,
    dst: r.dstV4 >= 0 ? formatIpv4(r.dstV4) : r.dst === "" ? null : r.dst,
    dstPort: r.dstPort < 0 ? null : r.dstPort,
    proto: r.proto === "" ? null : r.proto,
    action: r.action,
    sensor: r.sensor === "" ? null : r.sensor,
    format,
    line,
    offset,
    count: r.count,
  };
}
