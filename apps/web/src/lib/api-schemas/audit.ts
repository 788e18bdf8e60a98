import { z } from "zod";
import { AUDIT_ACTIONS } from "@mlsec/db";

/** GET /api/v1/audit?action=&before=ISO&limit=: a bad value is a 400. */
export const ZAuditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The portal's audit page reads the same filters, but a bad link shows everything instead of an error. */
export const ZAuditPageQuery = z.object({
  action: ZAuditQuery.shape.action.catch(undefined),
  before: ZAuditQuery.shape.before.catch(undefined),
});
