import { describe, expect, it } from "vitest";
import { loadCommunityEnv } from "./community-env.ts";

describe("community env", () => {
  it("defaults to k = 3 tenants and a cap of 32, and reads both from the environment", () => {
    expect(loadCommunityEnv({})).toEqual({ COMMUNITY_MIN_TENANTS: 3, COMMUNITY_CONTRIBUTOR_CAP: 32 });
    expect(loadCommunityEnv({ COMMUNITY_MIN_TENANTS: "5", COMMUNITY_CONTRIBUTOR_CAP: "8.5" })).toEqual({
      COMMUNITY_MIN_TENANTS: 5,
      COMMUNITY_CONTRIBUTOR_CAP: 8.5,
    });
  });

  it("refuses a k that would show one tenant's sightings to others, and a non-positive cap", () => {
    expect(() => loadCommunityEnv({ COMMUNITY_MIN_TENANTS: "1" })).toThrow(/COMMUNITY_MIN_TENANTS/);
    expect(() => loadCommunityEnv({ COMMUNITY_CONTRIBUTOR_CAP: "0" })).toThrow(/COMMUNITY_CONTRIBUTOR_CAP/);
  });
});
