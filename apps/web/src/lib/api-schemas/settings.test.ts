import { describe, expect, it } from "vitest";
import { ZSettingsPatch } from "./settings.ts";

describe("ZSettingsPatch", () => {
  it("accepts one section at a time and maps empty channels to off", () => {
    expect(ZSettingsPatch.parse({ triage: { block: 0.8, review: 0.4 } })).toEqual({
      triage: { block: 0.8, review: 0.4 },
    });
    expect(ZSettingsPatch.parse({ notifications: { webhookUrl: "", notifyEmail: "" } })).toEqual({
      notifications: { webhookUrl: null, notifyEmail: null },
    });
    expect(ZSettingsPatch.parse({ rules: null })).toEqual({ rules: null });
  });

  it("refuses review above block, non-http webhooks, bad rules and an empty patch", () => {
    expect(ZSettingsPatch.safeParse({ triage: { block: 0.5, review: 0.6 } }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ triage: { block: 1.5, review: 0.6 } }).success).toBe(false);
    expect(
      ZSettingsPatch.safeParse({ notifications: { webhookUrl: "ftp://x.example/", notifyEmail: null } })
        .success,
    ).toBe(false);
    expect(
      ZSettingsPatch.safeParse({ rules: [{ name: "a", kind: "port-scan", minDistinctPorts: 1 }] }).success,
    ).toBe(false);
    expect(
      ZSettingsPatch.safeParse({
        rules: [
          { name: "a", kind: "watched-ports", ports: [22] },
          { name: "a", kind: "watched-ports", ports: [23] },
        ],
      }).success,
    ).toBe(false);
    expect(ZSettingsPatch.safeParse({}).success).toBe(false);
  });
});
