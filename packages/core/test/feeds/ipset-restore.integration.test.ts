import { afterAll, describe, expect, it } from "vitest";
import { renderIpsetRestore } from "../../src/feeds/index.ts";
import { consumerList, run, tempFile } from "./consumer-fixtures.ts";
import { collect } from "./feed-fixtures.ts";

const PREFIX = `mt${process.pid % 100_000}${Date.now() % 10_000}`;
const NAMES = { setV4: `${PREFIX}-v4`, setV6: `${PREFIX}-v6` };

/** Members of a set with their timeouts, from `ipset list -o save` ("add <set> <value> timeout <s>"). */
function listSet(name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of run("ipset", ["list", name, "-o", "save"]).split("\n")) {
    const m = /^add \S+ (\S+) timeout (\d+)$/.exec(line);
    if (m?.[1] && m[2]) out.set(m[1], Number(m[2]));
  }
  return out;
}

const exists = (name: string) => {
  try {
    run("ipset", ["list", "-n", name]);
    return true;
  } catch {
    return false;
  }
};

async function restore(seed: number): Promise<Set<string>> {
  const now = new Date();
  const { decisions, expected } = consumerList(now, seed);
  const body = await collect(renderIpsetRestore(decisions, { now, ...NAMES, maxElements: 10_000 }));
  const file = tempFile("feed.ipset", body);
  try {
    run("ipset", ["restore", "-f", file.path]);
  } finally {
    file.cleanup();
  }
  return expected;
}

afterAll(() => {
  for (const name of [NAMES.setV4, NAMES.setV6, `${NAMES.setV4}-tmp`, `${NAMES.setV6}-tmp`])
    if (exists(name)) run("ipset", ["destroy", name]);
});

describe("ipset restore loads the ipset script", () => {
  it("creates the live sets with every live element and its timeout, and removes the staging sets", async () => {
    const expected = await restore(1);
    const v4 = listSet(NAMES.setV4);
    const v6 = listSet(NAMES.setV6);
    // hash:net keeps the address inside the /24 as its own member (overlaps are fine there).
    expect(new Set([...v4.keys(), ...v6.keys()])).toEqual(new Set([...expected, "10.1.0.7"]));
    expect(v4.get("10.1.1.0")).toBeGreaterThanOrEqual(3 * 3600 - 2);
    expect(v4.get("10.1.1.0")).toBeLessThanOrEqual(3 * 3600);
    expect(exists(`${NAMES.setV4}-tmp`)).toBe(false);
    expect(exists(`${NAMES.setV6}-tmp`)).toBe(false);
  });

  it("swaps in a second, different list: old elements are gone", async () => {
    const expected = await restore(2);
    const members = new Set([...listSet(NAMES.setV4).keys(), ...listSet(NAMES.setV6).keys()]);
    expect(members).toEqual(new Set([...expected, "10.2.0.7"]));
    expect(members.has("10.1.1.0")).toBe(false);
  });
});
