import { z } from "zod";

// Answers the portal's client components parse: only zod here (no @mlsec/db), so the browser
// bundle can import this file. The OpenAPI document describes the same answers with them.

/**
 * Every API error, `{"error", ...details}` (json-error.ts). A 400 from a JSON body's schema adds
 * `issues`, zod's flattened error; other errors may add fields of their own (limit, status, ips).
 */
export const ZApiError = z
  .object({
    error: z.string(),
    issues: z
      .object({
        formErrors: z.array(z.string()).default([]),
        fieldErrors: z.record(z.string(), z.array(z.string()).optional()).default({}),
      })
      .optional(),
  })
  .loose();
export type TApiError = z.infer<typeof ZApiError>;

/** 202 from POST /api/v1/uploads (a failed store answers the error shape with `id` and status "failed"). */
export const ZUploadAccepted = z.object({ id: z.string(), status: z.string() });

/** 201 from POST /api/v1/keys: the only time the key itself is shown. */
export const ZKeyCreated = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  key: z.string(),
  prefix: z.string(),
});

/** 201 from POST /api/v1/invitations: the one-time token and the portal path that accepts it. */
export const ZInvitationCreated = z.object({
  id: z.string(),
  token: z.string(),
  acceptPath: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  emailQueued: z.boolean(),
});

/** 200 from POST /api/v1/invitations/accept: the organisation joined. */
export const ZInvitationAccepted = z.object({
  tenantId: z.string().min(1),
  role: z.string(),
  email: z.string(),
});
