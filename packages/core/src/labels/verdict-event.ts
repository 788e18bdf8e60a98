import { z } from "zod";

/**
 * The sampled event an event verdict was given on, as the verdict keeps it: its upload and line
 * (the reference), the upload's file name, and the event's fields as the ingest sampled them. A
 * snapshot, so the history still says what was judged once retention has removed the upload.
 */
export const ZVerdictEvent = z.object({
  uploadId: z.string().min(1),
  line: z.number().int().positive(),
  filename: z.string(),
  time: z.string(),
  srcPort: z.number().int().nullable(),
  dst: z.string().nullable(),
  dstPort: z.number().int().nullable(),
  proto: z.string().nullable(),
  action: z.string(),
});
export type TVerdictEvent = z.infer<typeof ZVerdictEvent>;

const ACTION_TEXT: Record<string, string> = {
  block: "blocked",
  allow: "allowed",
  alert: "alerted",
  "auth-failure": "failed to authenticate",
};

/**
 * The event in words, as the verdict history and the audit log name what an event verdict was
 * given on: "line 1234 of upload fw.log: 443/tcp blocked at 2026-12-03 10:04:05 UTC".
 */
export function verdictEventText(event: TVerdictEvent): string {
  const port = `${event.dstPort ?? "no port"}${event.proto ? `/${event.proto}` : ""}`;
  const at = event.time.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
  const upload = event.filename || event.uploadId;
  return `line ${event.line} of upload ${upload}: ${port} ${ACTION_TEXT[event.action] ?? event.action} at ${at}`;
}
