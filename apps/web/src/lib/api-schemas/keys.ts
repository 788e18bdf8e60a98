import { z } from "zod";
import { API_KEY_SCOPES } from "@mlsec/db";

/** POST /api/v1/keys: "manage" is not among the scopes a key can have (a leaked key cannot mint keys). */
export const ZCreateKey = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
});
