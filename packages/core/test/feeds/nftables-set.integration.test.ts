import { afterAll, describe, expect, it } from "vitest";
import { aggregateCidrs, renderNftablesScript } from "../../src/feeds/index.ts";
import { consumerList, run, tempFile } from "./consumer-fixtures.ts";
import { collect, toArray } from "./feed-fixtures.ts";

const TABLE = `mlsec_test_${process.pid}_${Date.now() % 1_000_000}`;

type TNftElem =
  string | { prefix: { addr: string; len: number } } | { elem: { val: TNftElem; timeout?: number } };

/** The set's elements as "addr" / "addr/len", with their timeouts, from `nft -j list set`. */
function listSet(name: string): Map<string, number | undefined> {
  const json = JSON.parse(run("nft", ["-j", "list", "set", "inet", TABLE, name])) as {
    nftables: { set?: { elem?: TNftElem[] } }[];
  };
  const elems = json.nftables.find((o) => o.set)?.set?.elem ?? [];
  const out = new Map<string, number | undefined>();
  const text = (e: TNftElem): string =>
    typeof e === "string" ? e : "prefix" in e ? `${e.prefix.addr}/${e.prefix.len}` : text(e.elem.val);
  for (const e of elems) out.set(text(e), typeof e === "object" && "elem" in e ? e.elem.timeout : undefined);
  return out;
}

/** Renders list `seed` (aggregated first, if asked), loads it, and returns the values it should hold. */
async function load(seed: number, aggregate = false): Promise<Set<string>> {
  const now = new Date();
  const list = consumerList(now, seed);
  const decisions = aggregate ? await toArray(aggregateCidrs(list.decisions, { now })) : list.decisions;
  const expected = aggregate ? new Set(decisions.map((d) => d.value)) : list.expected;
  const script = await collect(
    renderNftablesScript(decisions, { now, table: TABLE, elementsPerStatement: 500 }),
  );
  const file = tempFile("feed.nft", script);
  try {
    run("nft", ["-c", "-f", file.path]);
    run("nft", ["-f", file.path]);
  } finally {
    file.cleanup();
  }
  return expected;
}

afterAll(() => {
  try {
    run("nft", ["delete", "table", "inet", TABLE]);
  } catch {
    // Not created: nothing to remove.
  }
});

describe("nft -f loads the nftables script", () => {
  it("creates the sets with every live element, CIDRs as intervals, with their timeouts", async () => {
    const expected = await load(1);
    const v4 = listSet("mlsec-v4");
    const v6 = listSet("mlsec-v6");
    expect(new Set([...v4.keys(), ...v6.keys()])).toEqual(expected);
    expect(v4.size).toBe(2501);
    expect(v6.size).toBe(301);
    expect(v4.has("10.1.0.0/24")).toBe(true);
    expect(v4.has("10.1.0.7")).toBe(false);
    // The first address after the /24 is the third decision: valid for 1 + 2 hours, less the render time.
    expect(v4.get("10.1.1.0")).toBeGreaterThanOrEqual(3 * 3600 - 2);
    expect(v4.get("10.1.1.0")).toBeLessThanOrEqual(3 * 3600);
  });

  it("replaces the contents on a second load: old elements are gone", async () => {
    const expected = await load(2);
    const elems = new Set([...listSet("mlsec-v4").keys(), ...listSet("mlsec-v6").keys()]);
    expect(elems).toEqual(expected);
    expect(elems.has("10.1.1.0")).toBe(false);
  });

  it("loads an aggregated list: adjacent addresses as few intervals", async () => {
    const expected = await load(3, true);
    const v4 = listSet("mlsec-v4");
    expect(new Set([...v4.keys(), ...listSet("mlsec-v6").keys()])).toEqual(expected);
    // 10.3.0.0/24 and the 2500 addresses from 10.3.1.0 (to 10.3.10.195) are one contiguous run.
    expect([...v4.keys()].sort()).toEqual([
      "10.3.0.0/21",
      "10.3.10.0/25",
      "10.3.10.128/26",
      "10.3.10.192/30",
      "10.3.8.0/23",
    ]);
  });

  it("leaves the loaded list in place when a script fails (one transaction)", async () => {
    const before = new Set(listSet("mlsec-v4").keys());
    const good = await collect(renderNftablesScript([], { now: new Date(), table: TABLE }));
    const file = tempFile("bad.nft", `${good}add element inet ${TABLE} mlsec-v4 { 10.9.0.0/16, 10.9.1.1 }\n`);
    try {
      expect(() => run("nft", ["-f", file.path])).toThrow(/conflicting intervals/);
    } finally {
      file.cleanup();
    }
    expect(new Set(listSet("mlsec-v4").keys())).toEqual(before);
  });
});
