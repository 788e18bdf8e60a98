import { z } from "zod";
import { utcDay } from "@mlsec/core/day";

/** Whether `text` is a real calendar day: Date would roll "2026-02-30" over to March. */
const isCalendarDay = (text: string): boolean => {
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/**
 * A UTC day an address was seen on: "YYYY-MM-DD", a real date, and not after today (UTC), since a
 * verdict is about events that happened. Today counts: its logs may already be uploaded.
 */
export const ZVerdictDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "day must be a date as YYYY-MM-DD")
  .refine(isCalendarDay, "day is not a calendar date")
  .refine((day) => day <= utcDay(), "day must not be in the future");

/**
 * One analyst verdict, as POST /api/v1/feedback takes it and the portal sends it. With `day` it is
 * about that day of the address only (and `cluster` names the behaviour rule judged that day).
 */
export const ZFeedback = z.object({
  ip: z.string().min(1).max(64),
  verdict: z.enum(["malicious", "benign"]),
  note: z.string().max(2000).default(""),
  reportId: z.string().max(64).optional(),
  day: ZVerdictDay.optional(),
  cluster: z.string().min(1).max(64).optional(),
});
export type TFeedback = z.input<typeof ZFeedback>;

/** One verdict, or several at once (the report page's bulk select). */
export const ZFeedbackBody = z.union([ZFeedback, z.array(ZFeedback).min(1).max(500)]);
