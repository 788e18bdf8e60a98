import { describe, expect, it } from "vitest";
import { contributionsFromRollups } from "../../src/community/contributions-from-rollups.ts";
import { portScan, rollup, sshBlocked } from "../rank/fixtures.ts";

describe("contributionsFromRollups", () => {
  it("gives only (pseudonym, day, source IP) of days ranked bad, once each", () => {
    const out = contributionsFromRollups(
      [
        sshBlocked("2026-03-01", "45.1.2.3"),
        sshBlocked("2026-03-01", "45.1.2.3"),
        portScan("2026-03-02", "45.1.2.3"),
        rollup("2026-03-02", "8.8.8.8"),
      ],
      "t-x",
    );
    expect(out).toEqual([
      { contributor: "t-x", day: "2026-03-01", ip: "45.1.2.3" },
      { contributor: "t-x", day: "2026-03-02", ip: "45.1.2.3" },
    ]);
    // Nothing else crosses: no ports, counts, actions or timestamps.
    for (const c of out) expect(Object.keys(c).sort()).toEqual(["contributor", "day", "ip"]);
  });
});
