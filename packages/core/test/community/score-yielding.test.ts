import { describe, expect, it } from "vitest";
import { computeCommunityView } from "../../src/community/community-view.ts";
import { scoreIps, scoreIpsYielding } from "../../src/pipeline/score-ips.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { sshBlocked } from "../rank/fixtures.ts";

// The report stage scores with scoreIpsYielding so the worker's lock timers run meanwhile.
describe("scoreIpsYielding", () => {
  it("scores exactly as scoreIps, handing the event loop back while it works", async () => {
    const history = Array.from({ length: 400 }, (_, i) =>
      sshBlocked(`2026-03-0${1 + (i % 9)}`, `198.51.${i % 7}.${i % 250}`),
    );
    const snapshot = computeRanks(history, { asOf: "2026-03-10" });
    const pool = ["A", "B", "C"].flatMap((contributor) =>
      Array.from({ length: 50 }, (_, i) => ({ contributor, day: "2026-03-09", ip: `198.51.3.${i}` })),
    );
    const community = computeCommunityView(pool, { asOf: "2026-03-10" });
    const ips = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [`198.51.${i % 9}.${i % 251}`, 1 + (i % 5)]),
    );
    const opts = { snapshot, ips, model: null, predictor: null, community };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sync = scoreIps(opts);
    const duringSync = ticks;
    const yielded = await scoreIpsYielding(opts, 0);
    clearInterval(timer);
    expect(duringSync).toBe(0);
    expect(ticks).toBeGreaterThan(0);
    expect(yielded).toEqual(sync);
    expect(yielded.length).toBe(Object.keys(ips).length);
    expect(yielded.some((s) => s.score > 0)).toBe(true);
  });
});
