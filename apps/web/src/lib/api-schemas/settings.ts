import { z } from "zod";
import { ZClusterRules } from "@mlsec/core/rank";
import { ZRetentionSettings } from "./tenant.ts";

const probability = z.number().min(0).max(1);

/** Triage thresholds: at or above `block` an IP is "block", at or above `review` "review". */
export const ZTriageSettings = z
  .object({ block: probability, review: probability })
  .refine((t) => t.review <= t.block, "review must not be above block");

/**
 * Report-ready notifications; null or "" switches a channel off. The webhook secret may be left out
 * to keep the stored one (it is never shown back), but a webhook cannot exist without one.
 */
export const ZNotificationSettings = z.object({
  webhookUrl: z
    .url({ protocol: /^https?$/, error: "the webhook must be an http(s) URL" })
    .max(2000)
    .nullable()
    .or(z.literal("").transform(() => null)),
  webhookSecret: z.string().min(8, "the webhook secret needs at least 8 characters").max(200).optional(),
  notifyEmail: z
    .email()
    .max(254)
    .nullable()
    .or(z.literal("").transform(() => null)),
});

/** PATCH /api/v1/settings: any of the four sections; rules null goes back to the built-in ones. */
export const ZSettingsPatch = z
  .object({
    triage: ZTriageSettings.optional(),
    notifications: ZNotificationSettings.optional(),
    rules: ZClusterRules.nullable().optional(),
    retention: ZRetentionSettings.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type TSettingsPatch = z.infer<typeof ZSettingsPatch>;
