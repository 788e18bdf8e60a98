import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { TAttackKind, TWorldProfile } from "./world-profile.ts";

/** What a source really was on a day. Research scanners are neither class (noise, kept out). */
export type TTruth = "malicious" | "benign" | "scanner";

/** A public feed entry: how many lists name it, and the world day (index) it was first listed; -1 before the world. */
export type TFeedEntry = { ip: string; count: number; listedDay: number };

/** One attacker of the world, for checking the world has the structure it claims. */
export type TAttacker = {
  ip: string;
  kind: TAttackKind;
  /** Campaign number, -1 for lone and persistent attackers. */
  campaign: number;
  asIndex: number;
  firstDay: number;
};

export type TWorld = {
  profile: TWorldProfile;
  seed: number;
  days: string[];
  /** Per-(day, IP) rollups, as ingest would produce from the sensor's logs. */
  rollups: TIpDayRollup[];
  /** day -> IP -> truth, for every source active that day. */
  truth: Map<string, Map<string, TTruth>>;
  feed: TFeedEntry[];
  attackers: TAttacker[];
  /** Benign addresses from networks the logs never show, seeded per day, never active in the world. */
  heldOutBenign(day: string, n?: number): string[];
  /** Provider ranges training draws its benign class from (default: the shipped lists). */
  benignCidrs?: string[];
};
