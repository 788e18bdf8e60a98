import { z } from "zod";
import { readEnv } from "./read-env.ts";

/**
 * Key id of the built-in key. The key itself is in this public repository, so it protects nothing:
 * it exists so a laptop and the tests run without setup, and production refuses it.
 */
export const DEV_SECRETS_KEY_ID = "dev-not-for-production";
const DEV_SECRETS_KEY = `${DEV_SECRETS_KEY_ID}:${Buffer.alloc(32, "mlsec-dev-key/").toString("base64")}`;

/** One `id:base64` entry: an id of letters, digits, `_` or `-` and exactly 32 bytes of key. */
const ZKeyEntry = z
  .string()
  .trim()
  .transform((entry, ctx) => {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    const material = colon > 0 ? entry.slice(colon + 1) : "";
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      ctx.addIssue({ code: "custom", message: "each key is id:base64, the id 1-32 of [A-Za-z0-9_-]" });
      return z.NEVER;
    }
    const key = Buffer.from(material, "base64");
    if (key.length !== 32 || key.toString("base64") !== material.replace(/\s/g, "")) {
      ctx.addIssue({
        code: "custom",
        message: `key ${id} must be 32 bytes in base64 (openssl rand -base64 32)`,
      });
      return z.NEVER;
    }
    return { id, key };
  });

export const ZSecretsEnv = z
  .object({
    /**
     * AES-256-GCM keys that seal stored secrets (webhook signing secrets), comma separated as
     * `id:base64`: the first seals new values, every one opens values sealed under its id. Rotate by
     * putting a new key first, keeping the old ones until `mlsec admin reseal-secrets` has run.
     */
    SECRETS_ENCRYPTION_KEYS: z
      .string()
      .default(DEV_SECRETS_KEY)
      .transform((s) => s.split(",").filter((e) => e.trim().length > 0))
      .pipe(z.array(ZKeyEntry).min(1, "at least one key")),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  })
  .superRefine((e, ctx) => {
    const ids = e.SECRETS_ENCRYPTION_KEYS.map((k) => k.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({
        code: "custom",
        path: ["SECRETS_ENCRYPTION_KEYS"],
        message: "key ids must be distinct",
      });
    // Production must seal with a key of its own: the development key is public in this repository.
    if (e.NODE_ENV === "production" && ids.includes(DEV_SECRETS_KEY_ID))
      ctx.addIssue({
        code: "custom",
        path: ["SECRETS_ENCRYPTION_KEYS"],
        message:
          "set SECRETS_ENCRYPTION_KEYS: the built-in development key is refused when NODE_ENV=production",
      });
  });
export type TSecretsEnv = z.infer<typeof ZSecretsEnv>;
export const loadSecretsEnv = (source?: NodeJS.ProcessEnv): TSecretsEnv => readEnv(ZSecretsEnv, source);
