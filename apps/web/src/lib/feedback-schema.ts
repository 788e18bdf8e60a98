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
 * about that day of the address only (and `cluster` names the behaviour rule judged that day). It
 * names no event: `uploadId` and `line` are refused here, so a body mixing the two shapes is an
 * error instead of an event verdict silently stored as an address one.
 */
export const ZFeedback = z.object({
  ip: z.string().min(1).max(64),
  verdict: z.enum(["malicious", "benign"]),
  note: z.string().max(2000).default(""),
  reportId: z.string().max(64).optional(),
  day: ZVerdictDay.optional(),
  cluster: z.string().min(1).max(64).optional(),
  uploadId: z.never("uploadId and line make an event verdict, which takes no day or cluster").optional(),
  line: z.never("uploadId and line make an event verdict, which takes no day or cluster").optional(),
});
export type TFeedback = z.input<typeof ZFeedback>;

/**
 * A verdict on one sampled event of an upload (the IP page's event buttons): the server finds the
 * line in the upload's event sample and records the verdict on that event's address and UTC day,
 * with the behaviour rule the event falls under that day. `ip`, when the caller knows the event's
 * address, makes the server read that address's part of the sample only (and the line must be its).
 */
export const ZEventFeedback = z.strictObject({
  uploadId: z.string().min(1).max(64),
  line: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  verdict: z.enum(["malicious", "benign"]),
  note: z.string().max(2000).default(""),
  ip: z.string().min(1).max(64).optional(),
  reportId: z.string().max(64).optional(),
});
export type TEventFeedback = z.input<typeof ZEventFeedback>;

/** Event verdicts per request: each may read the upload's whole sample to find its line. */
export const MAX_EVENT_VERDICTS = 50;

const ITEM_SHAPES =
  'a verdict names an "ip" (with an optional "day"), or the "uploadId" and "line" of a sampled event';

/** One verdict of a feedback body: on an event, or on an address or a day of it. */
export const ZFeedbackItem = z.union([ZEventFeedback, ZFeedback], { error: ITEM_SHAPES });

const isEvent = (item: z.output<typeof ZFeedbackItem>) => "line" in item && item.line !== undefined;

/**
 * One verdict, or several at once (the report page's bulk select). Where zod cannot tell which shape
 * was meant, the message says what the shapes are.
 */
export const ZFeedbackBody = z.union(
  [
    ZFeedbackItem,
    z
      .array(ZFeedbackItem)
      .min(1)
      .max(500)
      .refine(
        (items) => items.filter(isEvent).length <= MAX_EVENT_VERDICTS,
        `at most ${MAX_EVENT_VERDICTS} event verdicts per request`,
      ),
  ],
  { error: `${ITEM_SHAPES}; or an array of 1 to 500 verdicts` },
);
