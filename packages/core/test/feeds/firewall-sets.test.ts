import { describe, expect, it } from "vitest";
import {
  IPSET_MAX_TIMEOUT_SECONDS,
  renderIpsetRestore,
  renderNftablesScript,
} from "../../src/feeds/index.ts";
import { collect, decision, NOW, SAMPLE } from "./feed-fixtures.ts";

describe("renderNftablesScript", () => {
  it("defines the table and sets, flushes them and adds live elements with their remaining validity", async () => {
    expect(await collect(renderNftablesScript(SAMPLE, { now: NOW }))).toBe(
      "#!/usr/sbin/nft -f\n# mlsec blocklist, 2026-03-01T12:00:00.000Z: replaces the sets' contents in one transaction.\n" +
        "add table inet mlsec\n" +
        "add set inet mlsec mlsec-v4 { type ipv4_addr; flags interval, timeout; }\n" +
        "add set inet mlsec mlsec-v6 { type ipv6_addr; flags interval, timeout; }\n" +
        "flush set inet mlsec mlsec-v4\n" +
        "flush set inet mlsec mlsec-v6\n" +
        "add element inet mlsec mlsec-v4 { 192.0.2.7 timeout 3600s, 198.51.100.0/24 timeout 7200s }\n" +
        "add element inet mlsec mlsec-v6 { 2001:db8::1 timeout 7776000s }\n",
    );
  });

  it("splits statements, drops contained blocks, refuses unsafe names, gives at least 1 s", async () => {
    const input = [
      decision("10.0.0.0/24"),
      decision("10.0.0.5"),
      decision("10.0.1.1", { validUntil: "2026-03-01T12:00:00.400Z" }),
      decision("10.0.1.2"),
    ];
    const script = await collect(
      renderNftablesScript(input, { now: NOW, table: "t", setV4: "a", elementsPerStatement: 2 }),
    );
    expect(script).toContain("add element inet t a { 10.0.0.0/24 timeout 3600s, 10.0.1.1 timeout 1s }\n");
    expect(script).toContain("add element inet t a { 10.0.1.2 timeout 3600s }\n");
    expect(script).not.toContain("10.0.0.5");
    await expect(collect(renderNftablesScript([], { now: NOW, table: "x; flush ruleset" }))).rejects.toThrow(
      RangeError,
    );
  });
});

describe("renderIpsetRestore", () => {
  it("fills staging sets, swaps them with the live ones and destroys the staging sets", async () => {
    expect(await collect(renderIpsetRestore(SAMPLE, { now: NOW, maxElements: 1000 }))).toBe(
      "# mlsec blocklist, 2026-03-01T12:00:00.000Z: atomic replacement by swap.\n" +
        "create mlsec-v4 hash:net family inet timeout 0 maxelem 1000 -exist\n" +
        "create mlsec-v4-tmp hash:net family inet timeout 0 maxelem 1000 -exist\n" +
        "flush mlsec-v4-tmp\n" +
        "create mlsec-v6 hash:net family inet6 timeout 0 maxelem 1000 -exist\n" +
        "create mlsec-v6-tmp hash:net family inet6 timeout 0 maxelem 1000 -exist\n" +
        "flush mlsec-v6-tmp\n" +
        "add mlsec-v4-tmp 192.0.2.7 timeout 3600 -exist\n" +
        "add mlsec-v4-tmp 198.51.100.0/24 timeout 7200 -exist\n" +
        `add mlsec-v6-tmp 2001:db8::1 timeout ${IPSET_MAX_TIMEOUT_SECONDS} -exist\n` +
        "swap mlsec-v4-tmp mlsec-v4\ndestroy mlsec-v4-tmp\n" +
        "swap mlsec-v6-tmp mlsec-v6\ndestroy mlsec-v6-tmp\n",
    );
  });

  it("splits /0 into halves (hash:net refuses it) and refuses names too long for the kernel", async () => {
    const out = await collect(renderIpsetRestore([decision("0.0.0.0/0"), decision("::/0")], { now: NOW }));
    expect(out).toContain(
      "add mlsec-v4-tmp 0.0.0.0/1 timeout 3600 -exist\nadd mlsec-v4-tmp 128.0.0.0/1 timeout 3600 -exist\n",
    );
    expect(out).toContain(
      "add mlsec-v6-tmp ::/1 timeout 3600 -exist\nadd mlsec-v6-tmp 8000::/1 timeout 3600 -exist\n",
    );
    await expect(collect(renderIpsetRestore([], { now: NOW, setV4: "x".repeat(28) }))).rejects.toThrow(
      RangeError,
    );
  });
});
