import { z } from "zod";

/** A display name only: S3 keys are made by the server. A browser may send a full path, keep its tail. */
export const ZFilename = z
  .string({ error: "the filename query parameter is required" })
  .transform((name) => (name.split(/[\\/]/).pop() ?? "").trim())
  .pipe(
    z
      .string()
      .min(1, "filename is required")
      .max(255)
      .refine(
        (n) => ![...n].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
        "filename has control characters",
      ),
  );

export const ZUploadQuery = z.object({ filename: ZFilename });

/** Upload ids are cuids; anything else cannot exist, so it answers 404 like an unknown id. */
export const ZUploadParams = z.object({ id: z.string().regex(/^[a-z0-9]{20,40}$/) });

export type TUploadRouteContext = { params: Promise<{ id: string }> };
