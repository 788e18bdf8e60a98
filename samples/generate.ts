// Generates the bundled sample logs (samples/*.log.gz) from real public address space, seeded so
// that every run writes the same bytes. See samples/README.md for what it models and why.
//
//   npx tsx samples/generate.ts [--reference DIR]   (DIR defaults to ../shared/data/reference)
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));
const refArg = process.argv.indexOf("--reference");
const refDir = refArg > 0 ? (process.argv[refArg + 1] ?? "") : join(here, "../../shared/data/reference");

// mulberry32: tiny, seedable, good enough for synthetic traffic.
let seed = 20261001;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const DAYS = 21;
const START = Date.UTC(2026, 9, 1); // 2026-10-01
const SENSOR_IP = "198.51.100.10";
const WATCHED = [22, 23, 80, 443, 445, 1433, 3389, 5900, 8080];

const lines = (f: string) =>
  readFileSync(join(refDir, f), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

const ipToInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
const randomInCidr = (cidr: string) => {
  const [base, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits ?? 32));
  return intToIp(ipToInt(base ?? "0.0.0.0") + Math.floor(rand() * size));
};

// Attackers: /24s where ipsum lists at least two addresses, with the listed addresses and unlisted
// neighbours in the same /24 (the paper's "bad neighbourhood").
const ipsum = lines("ipsum.txt").map((l) => l.split(/\s+/)[0] ?? "");
const by24 = new Map<string, string[]>();
for (const ip of ipsum) {
  const key = ip.split(".").slice(0, 3).join(".");
  by24.set(key, [...(by24.get(key) ?? []), ip]);
}
const bad24 = [...by24.entries()].filter(([, ips]) => ips.length >= 2);
const attackers: string[] = [];
for (let i = 0; i < 70; i++) {
  const [prefix, listed] = pick(bad24);
  attackers.push(...listed.slice(0, 3));
  for (let k = 0; k < 2; k++) attackers.push(`${prefix}.${int(1, 254)}`);
}
const scanners = lines("research-scanners.tsv")
  .map((l) => l.split("\t")[0] ?? "")
  .filter((c) => c.includes(".") && Number(c.split("/")[1]) >= 24);
const benignRanges = [
  "benign-google-ipv4.txt",
  "benign-microsoft-ipv4.txt",
  "benign-cloudflare-ipv4.txt",
  "benign-facebook-ipv4.txt",
].flatMap(lines);
const benign = Array.from({ length: 400 }, () => randomInCidr(pick(benignRanges)));
const scannerIps = Array.from({ length: 15 }, () => randomInCidr(pick(scanners)));

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const bsd = (t: number) => {
  const d = new Date(t);
  const hh = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${hh}`;
};
const ufw = (t: number, action: "BLOCK" | "ALLOW", src: string, dpt: number, proto = "TCP") =>
  `${bsd(t)} fw01 kernel: [${((t - START) / 1000).toFixed(6)}] [UFW ${action}] IN=eth0 OUT= MAC=00:16:3e:aa:bb:cc:00:16:3e:dd:ee:ff:08:00 SRC=${src} DST=${SENSOR_IP} LEN=44 TOS=0x00 PREC=0x00 TTL=${int(40, 250)} ID=${int(1, 65535)} PROTO=${proto} SPT=${int(1024, 65535)} DPT=${dpt} WINDOW=1024 RES=0x00 SYN URGP=0`;
const sshd = (t: number, src: string) =>
  `${bsd(t)} fw01 sshd[${int(1000, 60000)}]: Failed password for invalid user ${pick(["admin", "root", "test", "oracle", "ubuntu"])} from ${src} port ${int(1024, 65535)} ssh2`;

const fw: [number, string][] = [];
const auth: [number, string][] = [];
const at = (day: number) => START + day * 86_400_000 + int(0, 86_399) * 1000;

for (const ip of attackers) {
  // Each attacker comes back on a few days, with a habit: one watched port, a scan, or SSH guessing.
  const habit = pick(["port", "port", "scan", "ssh"] as const);
  const port = pick(WATCHED);
  let day = int(0, DAYS - 1);
  while (day < DAYS) {
    const n = int(2, 12);
    for (let i = 0; i < n; i++) {
      if (habit === "scan") fw.push([at(day), ufw(at(day), "BLOCK", ip, int(1, 10000))]);
      else if (habit === "ssh") auth.push([at(day), sshd(at(day), ip)]);
      else fw.push([at(day), ufw(at(day), "BLOCK", ip, port)]);
    }
    day += int(1, 6);
  }
}
for (const ip of benign) {
  for (let day = int(0, 3); day < DAYS; day += int(1, 4)) {
    for (let i = int(1, 6); i > 0; i--)
      fw.push([at(day), ufw(at(day), "ALLOW", ip, pick([443, 443, 80, 8443]))]);
    // Stray packets to closed high ports happen to everyone; they are not an attack.
    if (rand() < 0.1) fw.push([at(day), ufw(at(day), "BLOCK", ip, int(30000, 60000), "UDP")]);
  }
}
for (const ip of scannerIps) {
  for (let day = 0; day < DAYS; day += int(1, 3)) {
    for (let i = 0; i < 12; i++)
      fw.push([at(day), ufw(at(day), "BLOCK", ip, pick([...WATCHED, int(1, 65535)]))]);
  }
}

const write = (name: string, rows: [number, string][]) => {
  rows.sort((a, b) => a[0] - b[0]);
  const body = rows.map((r) => r[1]).join("\n") + "\n";
  writeFileSync(join(here, name), gzipSync(body, { level: 9 }));
  console.log(`${name}: ${rows.length} lines`);
};
write("ufw.log.gz", fw);
write("auth.log.gz", auth);
// Label files for `mlsec analyze --benign/--malicious`: what a team already knows.
writeFileSync(
  join(here, "known-benign.txt"),
  `# Hosts of providers this organisation uses\n${[...new Set(benign.slice(0, 100))].join("\n")}\n`,
);
writeFileSync(
  join(here, "feed-ipsum-sample.txt"),
  `# Sample of ipsum (stamparm/ipsum, Unlicense): IP<TAB>lists\n${attackers
    .filter((ip) => ipsum.includes(ip))
    .slice(0, 60)
    .map((ip) => `${ip}\t3`)
    .join("\n")}\n`,
);
console.log(`attackers ${attackers.length}, benign ${benign.length}, scanners ${scannerIps.length}`);
