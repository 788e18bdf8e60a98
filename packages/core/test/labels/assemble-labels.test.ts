import { describe, expect, it } from "vitest";
import { assembleLabels, createCidrSet } from "../../src/labels/index.ts";

const scanners = createCidrSet(["198.51.100.0/24"]);
const isNoise = (ip: string): boolean => scanners.has(ip);

describe("assembleLabels", () => {
  const malicious = [
    { ip: "1.1.1.1", source: "feed" },
    { ip: "2.2.2.2", source: "cluster" },
    { ip: "198.51.100.5", source: "cluster" },
  ];
  const benign = [
    { ip: "2.2.2.2", source: "provider" },
    { ip: "3.3.3.3", source: "background" },
    { ip: "4.4.4.4", source: "provider" },
  ];

  it("lets analyst verdicts override automatic labels in both directions", () => {
    const { labels } = assembleLabels({
      malicious,
      benign,
      isNoise,
      verdicts: [
        { ip: "1.1.1.1", verdict: "benign" },
        { ip: "4.4.4.4", verdict: "malicious" },
        { ip: "198.51.100.5", verdict: "malicious" },
        { ip: "9.9.9.9", verdict: "malicious" },
      ],
    });
    const byIp = new Map(labels.map((l) => [l.ip, l]));
    expect(byIp.get("1.1.1.1")).toEqual({ ip: "1.1.1.1", y: 0, source: "analyst" });
    expect(byIp.get("4.4.4.4")).toEqual({ ip: "4.4.4.4", y: 1, source: "analyst" });
    expect(byIp.get("198.51.100.5")?.y).toBe(1); // a verdict beats the noise rule too
    expect(byIp.get("9.9.9.9")?.source).toBe("analyst");
  });

  it("keeps research scanners out of both classes by default", () => {
    const { labels, dropped } = assembleLabels({ malicious, benign, isNoise });
    expect(labels.some((l) => l.ip === "198.51.100.5")).toBe(false);
    expect(dropped.noise).toBe(1);
  });

  it("can put scanners in a class when asked", () => {
    const { labels } = assembleLabels({ malicious, benign, isNoise, noise: "benign" });
    expect(labels.find((l) => l.ip === "198.51.100.5")).toEqual({
      ip: "198.51.100.5",
      y: 0,
      source: "research-scanner",
    });
  });

  it("keeps an automatic malicious label over an automatic benign one, once per address", () => {
    const { labels, dropped } = assembleLabels({ malicious, benign, isNoise });
    expect(labels.filter((l) => l.ip === "2.2.2.2")).toEqual([{ ip: "2.2.2.2", y: 1, source: "cluster" }]);
    expect(dropped.conflicts).toBe(1);
    expect(labels.map((l) => l.ip).sort()).toEqual(["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]);
  });
});
