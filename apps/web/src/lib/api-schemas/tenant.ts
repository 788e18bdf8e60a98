import { z } from "zod";

/**
 * Retention: days of rollups and raw uploaded files the tenant keeps, null = forever. The bounds are
 * the Tenant_retentionDays_range CHECK of the database (migration 20261215100000): at least the
 * default decay horizon of 90 days, since fewer would change the ranks of data still in the window.
 */
export const RETENTION_MIN_DAYS = 90;
export const RETENTION_MAX_DAYS = 36_500;
export const ZRetentionSettings = z.object({
  days: z
    .number()
    .int("retention is a whole number of days")
    .min(RETENTION_MIN_DAYS, `retention is at least ${RETENTION_MIN_DAYS} days (the decay horizon)`)
    .max(RETENTION_MAX_DAYS, `retention is at most ${RETENTION_MAX_DAYS} days`)
    .nullable(),
});

/** DELETE /api/v1/tenant: the organisation's exact name, typed by its owner. */
export const ZEraseTenant = z.object({
  confirm: z.string().min(1, "type the organisation's name to confirm").max(200),
});
