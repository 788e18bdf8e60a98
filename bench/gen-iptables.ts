/**
 * Writes N synthetic netfilter LOG lines (BSD syslog, as rsyslog stores kernel messages) for
 * bench/ingest.sh. Deterministic (fixed PRNG seed) so runs compare. A heavy-tailed source
 * distribution mimics real firewall logs: a few scanners produce most lines, a long tail
 * appears once or twice. About 2% of lines are ip6tables lines and 20% carry a ufw prefix.
 *
 * Usage: npx tsx bench/gen-iptables.ts LINES OUT_FILE [bsd|rfc3339] [--distinct-sources] [--days N] [--seed N]
 * rfc3339 stamps lines as rsyslog does by default on current Ubuntu
 * ("2025-12-25T00:00:00.000000+00:00"); bsd (the default) as "Dec 25 00:00:00".
 * --distinct-sources gives every line a source of its own (the worst case for memory: an
 * internet-wide scan seen from many addresses); OUT_FILE may be /dev/stdout. --days N spreads
 * the lines over N days (default 9; 1 puts every line, and with --distinct-sources every source,
 * into one day: the worst case for the addresses a day keeps). --seed N (an integer) gives another
 * log of the same shape, e.g. one per tenant in bench/load.ts.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { MS_PER_DAY } from "@mlsec/core/day";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const PORTS = [22, 23, 80, 443, 445, 3389, 8080, 5900, 1433, 3306, 25, 53, 123, 161, 6379, 9200];

let seed = 0x2545f491;
function random(): number {
  // xorshift32: fast and reproducible; cryptographic quality is irrelevant here.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
function int(n: number): number {
  return Math.floor(random() * n);
}

let distinct = false;

function sourceV4(i: number): string {
  if (distinct) {
    // Multiplying by an odd constant permutes the 32-bit numbers: every line a new address.
    const n = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  // Squaring skews toward low indices: a heavy head of repeat offenders, a long tail.
  const idx = Math.floor(random() * random() * 200_000);
  const a = 1 + (idx % 223);
  return `${a === 10 || a === 127 ? a + 1 : a}.${(idx >>> 3) & 255}.${(idx * 7) & 255}.${(idx * 13) & 255}`;
}

let rfc3339 = false;
let days = 9;

function line(i: number, total: number): string {
  // By default spread over 9 days from Dec 25 so the Dec -> Jan rollover is exercised.
  const t = Date.UTC(2025, 11, 25) + Math.floor((i / total) * days * MS_PER_DAY);
  const d = new Date(t);
  const stamp = rfc3339
    ? `${d.toISOString().slice(0, 19)}.${String(d.getUTCMilliseconds() * 1000).padStart(6, "0")}+00:00`
    : `${MONTHS[d.getUTCMonth()] ?? "Jan"} ${String(d.getUTCDate()).padStart(2, " ")} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}:${String(d.getUTCSeconds()).padStart(2, "0")}`;
  const uptime = `${(i / 100).toFixed(6)}`.padStart(12, " ");
  const port = random() < 0.7 ? (PORTS[int(PORTS.length)] ?? 22) : 1 + int(65535);
  const spt = 1024 + int(64000);
  const prefix = random() < 0.2 ? "[UFW BLOCK] " : "DROP-IN: ";
  if (random() < 0.02 && !distinct) {
    const src = `2001:db8:${int(65536).toString(16)}::${int(65536).toString(16)}`;
    return `${stamp} fw01 kernel: [${uptime}] ${prefix}IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:86:dd SRC=${src} DST=2001:db8:ffff::1 LEN=80 TC=0 HOPLIMIT=57 FLOWLBL=0 PROTO=TCP SPT=${spt} DPT=${port} WINDOW=64800 RES=0x00 SYN URGP=0\n`;
  }
  const proto = random() < 0.9 ? "TCP" : "UDP";
  const tail = proto === "TCP" ? ` WINDOW=29200 RES=0x00 SYN URGP=0` : ` LEN=48`;
  return `${stamp} fw01 kernel: [${uptime}] ${prefix}IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=${sourceV4(i)} DST=198.51.100.${1 + int(20)} LEN=60 TOS=0x00 PREC=0x00 TTL=${40 + int(20)} ID=${int(65536)} DF PROTO=${proto} SPT=${spt} DPT=${port}${tail}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): boolean => {
    const at = args.indexOf(name);
    if (at >= 0) args.splice(at, 1);
    return at >= 0;
  };
  distinct = flag("--distinct-sources");
  const daysAt = args.indexOf("--days");
  if (daysAt >= 0) days = Number(args.splice(daysAt, 2)[1]);
  const seedAt = args.indexOf("--seed");
  // xorshift32 must not start at 0: an offset seed that lands there keeps the default.
  if (seedAt >= 0) seed = (seed ^ Math.imul(Number(args.splice(seedAt, 2)[1]) | 0, 0x9e3779b1)) >>> 0 || seed;
  const [countArg, out, style = "bsd"] = args;
  const total = Number(countArg);
  rfc3339 = style === "rfc3339";
  if (
    !out ||
    !Number.isInteger(total) ||
    total <= 0 ||
    (style !== "bsd" && style !== "rfc3339") ||
    !Number.isInteger(days) ||
    days < 1
  ) {
    process.stderr.write(
      "usage: gen-iptables.ts LINES OUT_FILE [bsd|rfc3339] [--distinct-sources] [--days N] [--seed N]\n",
    );
    process.exitCode = 2;
    return;
  }
  const ws = createWriteStream(out);
  let batch: string[] = [];
  for (let i = 0; i < total; i++) {
    batch.push(line(i, total));
    if (batch.length === 10_000) {
      if (!ws.write(batch.join(""))) await once(ws, "drain");
      batch = [];
    }
  }
  ws.end(batch.join(""));
  await once(ws, "finish");
}

await main();
