import { z } from "zod";
import { ROLES, type TRole } from "@mlsec/db";

// Server only: @mlsec/db brings the Prisma client, so client components take roles as props.
const ZRole = z.enum(ROLES as [TRole, ...TRole[]]);

/** POST /api/v1/invitations. */
export const ZInvite = z.object({ email: z.email(), role: ZRole });

/** POST /api/v1/invitations/accept: the token is the credential; password and name for a new account. */
export const ZAccept = z.object({
  token: z.string().min(10).max(200),
  password: z.string().min(8).max(200).optional(),
  name: z.string().max(100).optional(),
});

/** PATCH /api/v1/members/:userId. */
export const ZRoleChange = z.object({ role: ZRole });
