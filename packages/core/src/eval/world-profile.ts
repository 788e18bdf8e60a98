/** What attackers do to the sensor, as the firewall sees it (not what the model looks for). */
export const ATTACK_KINDS = ["ssh", "telnet", "rdp", "web", "smb", "scan", "probe"] as const;
export type TAttackKind = (typeof ATTACK_KINDS)[number];

/**
 * A world's shape: who attacks, from where, how long, and who else sends traffic. Everything is
 * a rate or share, so worlds of different sizes keep their character. Two quite different sensors
 * ship as profiles; the generator knows nothing of the model's features.
 */
export type TWorldProfile = {
  name: string;
  days: number;
  startDay: string;
  /** "honeypot": logins show as auth failures, the rest is alerted; "firewall": attempts are blocked. */
  sensor: "honeypot" | "firewall";
  kinds: Record<TAttackKind, number>;
  /** Campaigns running on day 0, and new ones per day (Poisson). */
  initialCampaigns: number;
  campaignsPerDay: number;
  campaignDays: [number, number];
  campaignSize: [number, number];
  /** New members per campaign and active day (Poisson): the daily stream of new attackers. */
  recruitsPerDay: number;
  /** Where a recruit sits: one of the campaign's /24s, elsewhere in its AS, anywhere. */
  placement: { same24: number; sameAs: number; fresh: number };
  /** Chance a member attacks on a given campaign day, and that it leaves for good after a day. */
  activeShare: number;
  churn: number;
  /** Attackers with no campaign: fresh addresses each day, active a few days. */
  lonePerDay: number;
  /** Long-running sources (botnet cores) active on a share of all days. */
  persistent: number;
  persistentActiveShare: number;
  /** Attacker addresses taken from IPsum's own entries (reference world) instead of synthetic hosts. */
  feedAddressShare: number;
  researchScanners: number;
  /** Benign sources a day (allowed traffic), the returning pool they mostly come from. */
  benignPerDay: number;
  benignPool: number;
  benignReturningShare: number;
  /** Share of benign sources that also hit a blocked watched port once (policy blocks). */
  benignBlockedShare: number;
  /** Benign networks: random routed ASes, or the reference provider lists. */
  benignNetworks: "routed" | "providers";
  /** Benign monitoring services that scan the tenant's ports daily (they trip the port-scan rule). */
  monitors: number;
  /** Backscatter and misconfigured hosts: 1-2 blocked packets, benign. */
  noisePerDay: number;
  /** Public feed: share of attackers it lists, days after first activity; or IPsum as it is. */
  feed: { kind: "simulated"; listShare: number; lagDays: [number, number] } | { kind: "ipsum" };
  /** Held-out benign addresses per test day (never in the logs), a share of them inside bad ASes. */
  heldOutBenignPerDay: number;
  heldOutInBadAsShare: number;
};

const BASE = {
  days: 42,
  startDay: "2026-09-01",
  campaignDays: [3, 18] as [number, number],
  campaignSize: [3, 12] as [number, number],
  activeShare: 0.6,
  churn: 0.06,
  feedAddressShare: 0,
  benignNetworks: "routed" as const,
  heldOutInBadAsShare: 0.2,
};

/** An SSH honeypot: almost every source attacks, logins are auth failures, little benign traffic. */
export const HONEYPOT_SSH: TWorldProfile = {
  ...BASE,
  name: "honeypot-ssh",
  sensor: "honeypot",
  kinds: { ssh: 0.6, telnet: 0.12, rdp: 0.02, web: 0.04, smb: 0.02, scan: 0.1, probe: 0.1 },
  initialCampaigns: 18,
  campaignsPerDay: 2.5,
  recruitsPerDay: 1.2,
  placement: { same24: 0.55, sameAs: 0.3, fresh: 0.15 },
  lonePerDay: 18,
  persistent: 50,
  persistentActiveShare: 0.5,
  researchScanners: 30,
  benignPerDay: 25,
  benignPool: 60,
  benignReturningShare: 0.8,
  benignBlockedShare: 0.05,
  monitors: 3,
  noisePerDay: 30,
  // Negative lags: the attacker hit other networks, and got listed, before it reached this one.
  feed: { kind: "simulated", listShare: 0.5, lagDays: [-4, 6] },
  heldOutBenignPerDay: 200,
};

/** An enterprise edge firewall: mostly allowed customers, web/RDP/scan attacks blocked. */
export const ENTERPRISE_EDGE: TWorldProfile = {
  ...BASE,
  name: "enterprise-edge",
  sensor: "firewall",
  kinds: { ssh: 0.15, telnet: 0.03, rdp: 0.2, web: 0.27, smb: 0.05, scan: 0.18, probe: 0.12 },
  initialCampaigns: 14,
  campaignsPerDay: 2,
  recruitsPerDay: 1,
  placement: { same24: 0.4, sameAs: 0.35, fresh: 0.25 },
  lonePerDay: 15,
  persistent: 35,
  persistentActiveShare: 0.4,
  researchScanners: 50,
  benignPerDay: 300,
  benignPool: 1200,
  benignReturningShare: 0.7,
  benignBlockedShare: 0.03,
  monitors: 5,
  noisePerDay: 50,
  feed: { kind: "simulated", listShare: 0.35, lagDays: [-3, 10] },
  heldOutBenignPerDay: 200,
};

/**
 * Built from the public reference lists as they are: attackers are IPsum's own addresses (and
 * their /24 neighbours), the feed is IPsum with its counts, benign traffic comes from some provider
 * lists and the held-out benign sample from the others.
 */
export const REFERENCE_LISTS: TWorldProfile = {
  ...ENTERPRISE_EDGE,
  name: "reference-lists",
  feedAddressShare: 0.6,
  benignPerDay: 200,
  benignPool: 800,
  benignNetworks: "providers",
  feed: { kind: "ipsum" },
};

export const WORLD_PROFILES: Record<string, TWorldProfile> = {
  [HONEYPOT_SSH.name]: HONEYPOT_SSH,
  [ENTERPRISE_EDGE.name]: ENTERPRISE_EDGE,
  [REFERENCE_LISTS.name]: REFERENCE_LISTS,
};

/** Reference providers whose ranges the reference world keeps out of training, for the test sample. */
export const HELD_OUT_PROVIDERS: readonly string[] = ["github", "facebook", "duckduckbot"];

/**
 * The same world with every count and rate multiplied by `factor` (shares and windows stay): a
 * smaller world trains faster and keeps its character, which the benchmark uses to fit its budget.
 */
export function scaleProfile(profile: TWorldProfile, factor: number): TWorldProfile {
  const s = (n: number) => n * factor;
  const whole = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    ...profile,
    initialCampaigns: whole(profile.initialCampaigns),
    campaignsPerDay: s(profile.campaignsPerDay),
    lonePerDay: s(profile.lonePerDay),
    persistent: whole(profile.persistent),
    researchScanners: whole(profile.researchScanners),
    benignPerDay: s(profile.benignPerDay),
    benignPool: whole(profile.benignPool),
    noisePerDay: s(profile.noisePerDay),
    heldOutBenignPerDay: whole(profile.heldOutBenignPerDay),
  };
}
