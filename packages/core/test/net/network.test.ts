import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInternetAddress } from "../../src/net/bogon.ts";
import { networkCidr, neighbourhoodSize } from "../../src/net/network.ts";
import { networkCidrIpNum } from "../../src/net/network-ip-num.ts";

describe("networkCidr (fast path)", () => {
  it("matches the ip-num reference for IPv4 prefixes", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 32 }), (ip, p) => {
        expect(networkCidr(ip, p)).toBe(networkCidrIpNum(ip, p));
      }),
    );
  });

  it("matches the ip-num reference for IPv6 prefixes up to /64", () => {
    fc.assert(
      fc.property(
        fc.ipV6().filter((ip) => !ip.includes(".")),
        fc.integer({ min: 1, max: 64 }),
        (ip, p) => {
          expect(networkCidr(ip, p)).toBe(networkCidrIpNum(ip, p));
        },
      ),
    );
  });

  it("gives the documented keys", () => {
    expect(networkCidr("203.0.114.77", 24)).toBe("203.0.114.0/24");
    expect(networkCidr("203.0.114.77", 16)).toBe("203.0.0.0/16");
    expect(networkCidr("2a00:1450:4001:82a::200e", 64)).toBe("2a00:1450:4001:82a::/64");
    expect(networkCidr("2a00:1450:4001:82a::200e", 48)).toBe("2a00:1450:4001::/48");
    expect(networkCidr("2a00:1450:4001:82a::200e", 32)).toBe("2a00:1450::/32");
  });

  it("sizes neighbourhoods in addresses (IPv4) or /64 subnets (IPv6)", () => {
    expect(neighbourhoodSize(4, 24)).toBe(256);
    expect(neighbourhoodSize(4, 16)).toBe(65536);
    expect(neighbourhoodSize(6, 64)).toBe(1);
    expect(neighbourhoodSize(6, 48)).toBe(65536);
    expect(neighbourhoodSize(6, 32)).toBe(2 ** 32);
  });
});

describe("isInternetAddress", () => {
  it("rejects private, reserved and special-purpose sources", () => {
    for (const ip of [
      "10.1.2.3",
      "172.31.255.255",
      "192.168.0.1",
      "127.0.0.1",
      "100.64.0.1",
      "169.254.1.1",
      "192.0.2.5",
      "198.51.100.1",
      "203.0.113.9",
      "224.0.0.1",
      "255.255.255.255",
      "0.0.0.0",
      "198.19.0.1",
    ]) {
      expect(isInternetAddress(ip)).toBe(false);
    }
    for (const ip of [
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12::1",
      "ff02::1",
      "2001:db8::1",
      "2002:c000:204::1",
      "2001:0:4136:e378::1",
      "3fff::1",
      "64:ff9b::1.2.3.4",
    ]) {
      expect(isInternetAddress(ip)).toBe(false);
    }
  });

  it("accepts public unicast just outside those ranges", () => {
    for (const ip of [
      "8.8.8.8",
      "172.32.0.1",
      "172.15.255.255",
      "100.128.0.1",
      "203.0.114.1",
      "198.20.0.1",
      "2a00:1450::1",
      "2001:4860::8888",
      "2001:db9::1",
    ]) {
      expect(isInternetAddress(ip)).toBe(true);
    }
  });
});
