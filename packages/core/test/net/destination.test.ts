import { describe, expect, it } from "vitest";
import {
  allowList,
  destinationRefusal,
  disallowedAddressReason,
  webhookTarget,
} from "../../src/net/destination.ts";

const none = allowList([]);

describe("webhook destination classifier", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "cloud metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "cloud metadata"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["::ffff:a00:1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:7f00:1::", "loopback"],
  ])("refuses %s (%s)", (ip, reason) => {
    expect(disallowedAddressReason(ip)).toContain(reason);
    expect(destinationRefusal(ip, none)).toContain(reason);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (ip) => {
    expect(disallowedAddressReason(ip)).toBeNull();
    expect(destinationRefusal(ip, none)).toBeNull();
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "cloud metadata"],
    ["http://127.0.0.1:6379/", "loopback"],
    ["http://localhost:5432/", "loopback"],
    ["http://LOCALHOST./", "loopback"],
    ["http://api.localhost/", "loopback"],
    ["http://[::1]/hook", "loopback"],
    ["http://[::ffff:127.0.0.1]/hook", "loopback"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://2130706433/", "loopback"],
    ["http://0x7f.1/", "loopback"],
    ["http://017700000001/", "loopback"],
    ["ftp://hooks.example.com/", "not http(s)"],
    ["file:///etc/passwd", "not http(s)"],
    ["gopher://127.0.0.1:6379/_PING", "not http(s)"],
  ])("refuses the URL %s", (url, reason) => {
    const target = webhookTarget(url, none);
    expect(target.ok).toBe(false);
    expect(target.ok ? "" : target.reason).toContain(reason);
  });

  it("leaves names to resolution, and takes public literals as they are", () => {
    expect(webhookTarget("https://hooks.example.com/x", none)).toMatchObject({
      ok: true,
      host: "hooks.example.com",
      address: null,
    });
    expect(webhookTarget("http://8.8.8.8:8080/x", none)).toMatchObject({ ok: true, address: "8.8.8.8" });
  });

  it("lets the operator's allowlist open private ranges, and only those", () => {
    const allow = allowList(["127.0.0.0/8", "10.20.0.0/16"]);
    expect(destinationRefusal("127.0.0.1", allow)).toBeNull();
    expect(destinationRefusal("::ffff:127.0.0.1", allow)).toBeNull();
    expect(destinationRefusal("10.20.3.4", allow)).toBeNull();
    expect(destinationRefusal("10.21.3.4", allow)).toContain("private");
    expect(destinationRefusal("169.254.169.254", allow)).toContain("metadata");
    expect(webhookTarget("http://localhost:9000/", allow).ok).toBe(true);
    expect(webhookTarget("ftp://127.0.0.1/", allow).ok).toBe(false);
  });
});
