import type { TFormatName } from "../../events/event.ts";
import { cefParser } from "./cef.ts";
import { ciscoAsaParser } from "./cisco-asa.ts";
import { csvParser } from "./csv.ts";
import { dshieldParser } from "./dshield.ts";
import { cowrieParser, ecsJsonParser, suricataParser } from "./json-lines.ts";
import type { TLineParser } from "./line-parser.ts";
import { netfilterParser } from "./netfilter-parser.ts";
import { opensshParser } from "./openssh.ts";
import { pfFilterlogParser } from "./pf-filterlog.ts";
import { pfTcpdumpParser } from "./pf-tcpdump.ts";
import { windowsFirewallParser } from "./windows-firewall.ts";

/**
 * Detection order: most specific signatures first. JSON formats are told apart by their keys;
 * CEF and Cisco tags can sit behind any syslog header; netfilter's KEY=VALUE pairs come before
 * pf and sshd, which share the syslog prefix; CSV is last because many lines contain commas.
 */
export const PARSERS: readonly TLineParser[] = [
  suricataParser,
  cowrieParser,
  ecsJsonParser,
  cefParser,
  ciscoAsaParser,
  netfilterParser,
  pfFilterlogParser,
  pfTcpdumpParser,
  opensshParser,
  windowsFirewallParser,
  dshieldParser,
  csvParser,
];

export const PARSER_BY_FORMAT = new Map<TFormatName, TLineParser>(PARSERS.map((p) => [p.format, p]));
