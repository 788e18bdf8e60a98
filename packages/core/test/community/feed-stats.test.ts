import { describe, expect, it } from "vitest";
import { feedEntries } from "../../src/community/feed-entries.ts";
import { feedStats } from "../../src/community/feed-stats.ts";
import { scoreDriver } from "../../src/community/score-driver.ts";

describe("feedStats (tiq-test style)", () => {
  it("computes novelty, churn, aging, uniqueness and overlap by hand", () => {
    const a = {
      name: "a",
      days: new Map([
        ["2026-01-01", new Set(["1", "2", "3"])],
        ["2026-01-02", new Set(["2", "3", "4", "5"])],
        ["2026-01-03", new Set(["3", "5"])],
      ]),
    };
    const b = { name: "b", days: new Map([["2026-01-03", new Set(["3", "9"])]]) };
    const { sources, overlap } = feedStats([a, b]);
    const [sa, sb] = sources;
    expect(sa?.series.map((d) => [d.size, d.added, d.churned])).toEqual([
      [3, 3, 0],
      [4, 2, 1],
      [2, 0, 2],
    ]);
    expect(sa?.meanAdded).toBe(1);
    expect(sa?.meanChurned).toBe(1.5);
    // Days listed: 1→1, 2→2, 3→3, 4→1, 5→2.
    expect(sa?.aging.mean).toBe(9 / 5);
    expect(sa?.aging.median).toBe(2);
    expect(sa?.aging.histogram.map((h) => h.count)).toEqual([2, 3, 0, 0, 0]);
    expect(sa?.uniqueness).toBe(4 / 5);
    expect(sb?.uniqueness).toBe(1 / 2);
    expect(sb?.meanAdded).toBeNull();
    expect(overlap).toEqual([
      [1, 1 / 5],
      [1 / 2, 1],
    ]);
  });
});

describe("feedEntries", () => {
  it("reads IPsum by list count and expands small IPv4 CIDRs of plain lists", () => {
    expect(feedEntries("# c\n1.1.1.1\t3\n2.2.2.2\t1\n", "ipsum", { minLists: 2 }).ips).toEqual(["1.1.1.1"]);
    const list = feedEntries("9.9.9.9\n10.0.0.0/30 # net\n10.0.0.0/8\n2001:db8::/32\n", "list");
    expect(list.ips).toEqual(["9.9.9.9", "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    expect(list.skippedCidrs).toBe(2);
  });
});

describe("scoreDriver", () => {
  const names = ["ip:x", "events-log1p", "is-ipv6", "ip:community", "community-reporters"];
  const predict = (x: number[]) => Math.min(1, 0.1 + 0.5 * (x[0] ?? 0) + 0.3 * (x[3] ?? 0));
  it("names the side whose removal drops the score most", () => {
    expect(scoreDriver(predict, [0, 0, 0, 1, 3], names).driver).toBe("community");
    expect(scoreDriver(predict, [1, 2, 0, 0, 0], names).driver).toBe("own");
    expect(scoreDriver(predict, [0.6, 0, 0, 1, 3], names).driver).toBe("both");
    expect(scoreDriver(predict, [0, 0, 1, 0, 0], names).driver).toBe("none");
  });
});
