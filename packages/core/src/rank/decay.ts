import { z } from "zod";

/**
 * Decay curves. Exponential (the paper's half-life): w = 2^(-age/h), cut at a horizon because it
 * never reaches 0. Polynomial (MISP's Polynomial model, OpenCTI's decay rules with δ = 3·pound):
 * w = 1 - (age/τ)^(1/δ), reaching 0 at the lifetime τ.
 */
export const ZDecay = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("exponential"),
    halfLifeDays: z.number().min(1).max(60),
    horizonDays: z.number().int().min(1).max(3650),
  }),
  z.object({
    kind: z.literal("polynomial"),
    lifetimeDays: z.number().min(1).max(3650),
    decaySpeed: z.number().positive().max(100),
  }),
]);
export type TDecay = z.infer<typeof ZDecay>;

export const DEFAULT_HALF_LIFE_DAYS = 6;
export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_DECAY: TDecay = {
  kind: "exponential",
  halfLifeDays: DEFAULT_HALF_LIFE_DAYS,
  horizonDays: DEFAULT_HORIZON_DAYS,
};
/** MISP's default NIDS model (τ = 120 d, δ = 2): an alternative offered to tenants. */
export const MISP_NIDS_DECAY: TDecay = { kind: "polynomial", lifetimeDays: 120, decaySpeed: 2 };
/** OpenCTI's built-in IP rule (L = 47 d, pound 0.55, so δ = 1.65). */
export const OPENCTI_IP_DECAY: TDecay = { kind: "polynomial", lifetimeDays: 47, decaySpeed: 1.65 };

/** Oldest age in whole days that can still weigh more than 0; older rollups are dropped. */
export function decayHorizonDays(decay: TDecay): number {
  return decay.kind === "exponential" ? decay.horizonDays : Math.ceil(decay.lifetimeDays) - 1;
}

/**
 * Weight of a rank `ageDays` old. Age is the as-of day minus the rollup day in whole UTC days, so
 * yesterday's rollup is 1 day old (weight 2^(-1/h)): whole days keep weights identical whatever
 * hour the worker runs.
 */
export function decayWeight(decay: TDecay, ageDays: number): number {
  if (ageDays < 0 || ageDays > decayHorizonDays(decay)) return 0;
  if (decay.kind === "exponential") return 2 ** (-ageDays / decay.halfLifeDays);
  return Math.max(0, 1 - (ageDays / decay.lifetimeDays) ** (1 / decay.decaySpeed));
}
