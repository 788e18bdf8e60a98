import { z } from "zod";

/** PATCH /api/v1/community: consent to the pool, or withdraw it. */
export const ZCommunityPatch = z.object({ contribute: z.boolean() }).strict();
