-- Webhook signing secrets are stored sealed (AES-256-GCM under SECRETS_ENCRYPTION_KEYS, sealed by
-- packages/db sealed-secrets.ts), no longer in plaintext. Hand-written: the database cannot encrypt
-- with a key only the app holds, so existing plaintext secrets move to a legacy column that the app
-- still reads (nothing breaks on deploy) and empties when it seals them: on the tenant's next
-- settings write, or for every tenant at once with `mlsec admin reseal-secrets`.
ALTER TABLE "Tenant" RENAME COLUMN "webhookSecret" TO "webhookSecretLegacy";
ALTER TABLE "Tenant" ADD COLUMN "webhookSecretSealed" TEXT;

-- Only sealed values fit the sealed column: v1.<key id>.<12-byte IV>.<ciphertext + 16-byte tag>, so
-- a code path that wrote plaintext there would fail loudly instead of storing a secret in the clear.
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_webhookSecretSealed_is_sealed" CHECK (
  "webhookSecretSealed" IS NULL
  OR "webhookSecretSealed" ~ '^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$'
);
