import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("OpenSSH auth.log", () => {
  it("turns the three failure messages into auth-failure events on port 22", async () => {
    const { result, events } = await ingestFixture("openssh-auth.log");
    expect(result.events).toBe(4);
    // "Accepted publickey" and a CRON line: well-formed, no event.
    expect(result.ignoredByReason).toEqual({ "not-an-event": 2 });
    expect(accounted(result)).toBe(true);
    expect(
      events.every((e) => e.action === "auth-failure" && e.dstPort === 22 && e.sensor === "bastion"),
    ).toBe(true);
    expect(events.map((e) => [e.src, e.srcPort])).toEqual([
      ["203.0.113.50", 51234],
      ["203.0.113.51", 40022],
      ["203.0.113.51", 40022],
      ["2001:db8::50", 41000],
    ]);
  });
});
