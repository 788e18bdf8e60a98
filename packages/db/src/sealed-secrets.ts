import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { loadSecretsEnv, type TSecretsEnv } from "@mlsec/config";

export type TKeyRing = TSecretsEnv["SECRETS_ENCRYPTION_KEYS"];

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cached: TKeyRing | undefined;

/** The process's key ring (SECRETS_ENCRYPTION_KEYS), read once. */
export function secretsKeyRing(): TKeyRing {
  cached ??= loadSecretsEnv().SECRETS_ENCRYPTION_KEYS;
  return cached;
}

const b64url = (b: Buffer) => b.toString("base64url");

/**
 * Seals a secret with AES-256-GCM under the ring's first key: `v1.<keyId>.<iv>.<ciphertext+tag>`
 * (base64url). `context` is bound as associated data (e.g. the column and the tenant id), so a
 * sealed value copied into another tenant's row does not open there.
 */
export function sealSecret(plain: string, context: string, ring: TKeyRing = secretsKeyRing()): string {
  const current = ring[0];
  if (!current) throw new Error("no secrets encryption key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, current.id, b64url(iv), b64url(body)].join(".");
}

/** The key id a sealed value was sealed under, or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 4 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

/**
 * Opens a value sealed by sealSecret. Throws when its key is not in the ring (a key removed before
 * `mlsec admin reseal-secrets` ran) or when the value or its context was tampered with.
 */
export function openSecret(sealed: string, context: string, ring: TKeyRing = secretsKeyRing()): string {
  const [version, keyId, iv, body] = sealed.split(".");
  if (version !== VERSION || !keyId || iv === undefined || body === undefined)
    throw new Error("not a sealed secret");
  const entry = ring.find((k) => k.id === keyId);
  if (!entry) throw new Error(`secret sealed under key ${keyId}, which is not in SECRETS_ENCRYPTION_KEYS`);
  const raw = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", entry.key, Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString(
    "utf8",
  );
}
