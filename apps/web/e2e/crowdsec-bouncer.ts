// Runs Debian's unmodified crowdsec-firewall-bouncer (nftables mode) against a feed, in nft tables
// of its own. What the bouncer does with each answer is in docs/crowdsec-lapi.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

export const BOUNCER_BIN = "/usr/bin/crowdsec-firewall-bouncer";
/** Fixed in 0.0.25: `blacklists_ipv4/6` only name the ipset mode's sets. */
const SET_V4 = "crowdsec-blacklists";
const SET_V6 = "crowdsec6-blacklists";

/** Why the bouncer cannot run here (not root, or a binary missing), or null when it can. */
export function bouncerUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root: the bouncer needs CAP_NET_ADMIN to write nft sets";
  if (!existsSync(BOUNCER_BIN))
    return `${BOUNCER_BIN} is missing (apt-get install crowdsec-firewall-bouncer)`;
  if (spawnSync("nft", ["--version"]).status !== 0) return "nft is missing (apt-get install nftables)";
  return null;
}

function nft(args: string[], input?: string): string {
  const run = spawnSync("nft", args, { input, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`nft ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

// `nft -j list set` elements: a bare address, {elem: {val, timeout, expires}} when it has a
// timeout, or a prefix/range object (which this bouncer never writes, but would mean a CIDR).
const ZNftValue = z.union([
  z.string(),
  z
    .object({ prefix: z.object({ addr: z.string(), len: z.number() }) })
    .transform((p) => `${p.prefix.addr}/${p.prefix.len}`),
  z.object({ range: z.tuple([z.string(), z.string()]) }).transform((r) => `${r.range[0]}-${r.range[1]}`),
]);
const ZNftElem = z.union([
  ZNftValue,
  z.object({ elem: z.object({ val: ZNftValue }) }).transform((e) => e.elem.val),
]);
const ZNftSetList = z.object({
  nftables: z.array(
    z.union([z.object({ set: z.object({ elem: z.array(ZNftElem).optional() }) }), z.object({})]),
  ),
});

function setElements(family: "ip" | "ip6", table: string, set: string): string[] {
  const parsed = ZNftSetList.parse(JSON.parse(nft(["-j", "list", "set", family, table, set])));
  return parsed.nftables.flatMap((entry) => ("set" in entry ? (entry.set.elem ?? []) : []));
}

export type TBouncer = {
  /** The addresses (both families) the bouncer's sets hold now. */
  elements(): Set<string>;
  /** Its log so far (stdout and stderr). */
  log(): string;
  /** Exit code once it has exited, else null (a startup error makes it exit with 0). */
  exitCode(): number | null;
  /** Stops it and removes its tables and config; safe to call twice and after a failed start. */
  stop(): Promise<void>;
};

/**
 * Writes a config for `apiUrl`/`apiKey` and starts the bouncer in the foreground. Its tables are
 * created here, with a random name per run, and it runs in set-only mode: it fills the sets but
 * hooks no chain, so a test never drops this machine's traffic nor touches anyone else's sets.
 */
export function startBouncer(opts: { apiUrl: string; apiKey: string; updateFrequency?: string }): TBouncer {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-bouncer-"));
  const suffix = randomBytes(4).toString("hex");
  const table = `mlsec_e2e_${suffix}`;
  const table6 = `mlsec_e2e6_${suffix}`;
  nft(
    ["-f", "-"],
    `table ip ${table} { set ${SET_V4} { type ipv4_addr; flags timeout; }; }\n` +
      `table ip6 ${table6} { set ${SET_V6} { type ipv6_addr; flags timeout; }; }\n`,
  );
  const config = join(dir, "crowdsec-firewall-bouncer.yaml");
  const logPath = join(dir, "bouncer.log");
  // JSON is YAML: the key and URL need no quoting rules of their own.
  writeFileSync(
    config,
    [
      "mode: nftables",
      `pid_dir: ${JSON.stringify(dir)}`,
      `update_frequency: ${opts.updateFrequency ?? "1s"}`,
      "daemonize: false",
      "log_mode: stdout",
      "log_level: debug",
      `api_url: ${JSON.stringify(opts.apiUrl)}`,
      `api_key: ${JSON.stringify(opts.apiKey)}`,
      "insecure_skip_verify: false",
      "disable_ipv6: false",
      "deny_action: DROP",
      "deny_log: false",
      "supported_decisions_types: [ban]",
      "nftables:",
      `  ipv4: {enabled: true, set-only: true, table: ${table}, chain: ${table}-chain}`,
      `  ipv6: {enabled: true, set-only: true, table: ${table6}, chain: ${table6}-chain}`,
      "prometheus: {enabled: false, listen_addr: 127.0.0.1, listen_port: 60601}",
      "",
    ].join("\n"),
  );
  const out = openSync(logPath, "a");
  const child: ChildProcess = spawn(BOUNCER_BIN, ["-c", config], { stdio: ["ignore", out, out] });
  let code: number | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (c, signal) => {
      code = c ?? (signal ? 128 : -1);
      resolve();
    });
    child.once("error", () => {
      code = -1;
      resolve();
    });
  });
  let stopped = false;

  return {
    elements() {
      return new Set([...setElements("ip", table, SET_V4), ...setElements("ip6", table6, SET_V6)]);
    },
    log() {
      return existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    },
    exitCode() {
      return code;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (code === null) {
        child.kill("SIGTERM");
        const killed = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(killed);
      }
      // SIGTERM leaves the tables in place (the bouncer removes them only on a clean exit).
      for (const [family, name] of [
        ["ip", table],
        ["ip6", table6],
      ] as const) {
        spawnSync("nft", ["delete", "table", family, name]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `check` every 250 ms until it returns true; fails with `what`, the last value seen and the
 * bouncer's log tail on timeout or when the bouncer has exited.
 */
export async function waitUntil(
  bouncer: TBouncer,
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describeState: () => string = () => [...bouncer.elements()].sort().join(", "),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // nft fails once the bouncer has removed its tables; the exit check below then explains why.
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    const exited = bouncer.exitCode();
    if (exited !== null || Date.now() > deadline) {
      const reason = exited !== null ? `the bouncer exited with ${exited}` : `not within ${timeoutMs} ms`;
      let state: string;
      try {
        state = describeState();
      } catch (e) {
        state = String(e);
      }
      throw new Error(
        `${what}: ${reason}; now: [${state}]\n--- bouncer log (tail) ---\n` +
          bouncer.log().split("\n").slice(-40).join("\n"),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
