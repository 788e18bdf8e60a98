import { formatIpv4 } from "../net/format-ip.ts";
import { ACTIONS, PORT_EXACT_BOUND, type TAction } from "../rollup/rollup-constants.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { TAttackKind, TWorldProfile } from "./world-profile.ts";
import type { WorldRandom } from "./world-random.ts";

/** What one source did on one day, before it becomes a rollup. */
type TTraffic = { ports: Record<string, number>; action: TAction; protocol: "tcp" | "udp" };

const SCAN_PORTS = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1723, 3306, 3389, 5432, 5900,
  6379, 8080, 8443, 9200,
];
const PROBE_PORTS = [6379, 5432, 9200, 2375, 11211, 5060, 1900, 27017, 5555, 8291];
const MONITOR_PORTS = [21, 22, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 3306, 8080, 8443];

function spread(rand: WorldRandom, ports: number[], events: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let e = 0; e < events; e++) {
    const p = String(rand.pick(ports) ?? ports[0] ?? 0);
    out[p] = (out[p] ?? 0) + 1;
  }
  return out;
}

/** An attacker's day, shaped by kind and sensor (a honeypot answers logins, a firewall blocks). */
export function attackTraffic(
  kind: TAttackKind,
  sensor: TWorldProfile["sensor"],
  rand: WorldRandom,
): TTraffic {
  const login: TAction = sensor === "honeypot" ? "auth-failure" : "block";
  const other: TAction = sensor === "honeypot" ? "alert" : "block";
  switch (kind) {
    case "ssh":
      return {
        ports: spread(rand, rand.chance(0.1) ? [22, 2222] : [22], rand.logNormalInt(12, 1.3, 3000)),
        action: login,
        protocol: "tcp",
      };
    case "telnet":
      return {
        ports: spread(rand, [23, 2323], rand.logNormalInt(6, 1, 400)),
        action: login,
        protocol: "tcp",
      };
    case "rdp":
      return { ports: { "3389": rand.logNormalInt(8, 1.2, 2000) }, action: other, protocol: "tcp" };
    case "web": {
      const ports = [80, 443, 8080, 8443].filter(() => rand.chance(0.5));
      return {
        ports: spread(rand, ports.length ? ports : [80], rand.logNormalInt(10, 1.1, 1500)),
        action: "alert",
        protocol: "tcp",
      };
    }
    case "smb":
      return { ports: { "445": rand.logNormalInt(4, 1, 200) }, action: other, protocol: "tcp" };
    case "scan": {
      const breadth = rand.logNormalInt(30, 1.2, 5000);
      const ports = breadth <= SCAN_PORTS.length ? SCAN_PORTS.slice(0, breadth) : SCAN_PORTS;
      const out = spread(rand, ports, Math.min(breadth, 400));
      for (let i = 0; i < breadth - SCAN_PORTS.length && Object.keys(out).length < PORT_EXACT_BOUND; i++)
        out[String(rand.int(1024, 65535))] = 1;
      return { ports: out, action: other, protocol: "tcp" };
    }
    case "probe":
      // Quiet probing of one service: malicious, but it trips no built-in rule on its own.
      return {
        ports: { [String(rand.pick(PROBE_PORTS) ?? 6379)]: rand.int(1, 3) },
        action: "block",
        protocol: "tcp",
      };
  }
}

/** A research scanner's day: a broad sweep, blocked. */
export function scannerTraffic(rand: WorldRandom): TTraffic {
  const out = spread(rand, SCAN_PORTS, rand.int(20, 120));
  for (let i = 0; i < 20; i++) out[String(rand.int(1024, 65535))] = 1;
  return { ports: out, action: "block", protocol: "tcp" };
}

/** Allowed traffic of a customer, partner or crawler. */
export function benignTraffic(rand: WorldRandom): TTraffic {
  const port = rand.pick([443, 443, 443, 80, 25, 53, 993]) ?? 443;
  return {
    ports: { [String(port)]: rand.logNormalInt(8, 1.2, 5000) },
    action: "allow",
    protocol: port === 53 ? "udp" : "tcp",
  };
}

/** An uptime or exposure monitor: a dozen ports every day, most closed and blocked. */
export function monitorTraffic(rand: WorldRandom): TTraffic {
  return { ports: spread(rand, MONITOR_PORTS, rand.int(12, 40)), action: "block", protocol: "tcp" };
}

/** Backscatter or a misconfigured host: a packet or two, sometimes to a watched port. */
export function noiseTraffic(rand: WorldRandom): TTraffic {
  const port = rand.chance(0.2) ? (rand.pick([80, 443, 22]) ?? 80) : rand.int(1024, 65535);
  return {
    ports: { [String(port)]: rand.int(1, 2) },
    action: "block",
    protocol: rand.chance(0.3) ? "udp" : "tcp",
  };
}

/** The rollup the ingest would produce for this traffic. */
export function toRollup(day: string, ip: number, t: TTraffic): TIpDayRollup {
  let events = 0;
  for (const n of Object.values(t.ports)) events += n;
  const blocked = t.action === "block" || t.action === "alert";
  return {
    day,
    ip: formatIpv4(ip),
    events,
    distinctPorts: Object.keys(t.ports).length,
    ports: { ...t.ports },
    blockedPorts: blocked ? { ...t.ports } : {},
    protocols: { [t.protocol]: events },
    actions: { [t.action]: events },
    firstSeen: `${day}T00:00:00Z`,
    lastSeen: `${day}T23:59:59Z`,
  };
}

/** Two roles of one source on one day (a benign host that also hit a blocked port) in one rollup. */
export function mergeInto(a: TIpDayRollup, b: TIpDayRollup): void {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    for (const [k, v] of Object.entries(y)) x[k] = (x[k] ?? 0) + v;
  };
  a.events += b.events;
  add(a.ports, b.ports);
  add(a.blockedPorts, b.blockedPorts);
  add(a.protocols, b.protocols);
  for (const k of ACTIONS) {
    const v = b.actions[k];
    if (v) a.actions[k] = (a.actions[k] ?? 0) + v;
  }
  a.distinctPorts = Object.keys(a.ports).length;
}
