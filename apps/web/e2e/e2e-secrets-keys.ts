// The key ring the e2e portal and worker seal stored secrets with. They run with NODE_ENV=production,
// which refuses the development key, and the tests read what they stored (getTenant opens the
// webhook secret), so both sides need the same ring: this one, for throwaway test databases only.
export const E2E_SECRETS_KEYS = `e2e-only:${Buffer.alloc(32, "mlsec-e2e-only/").toString("base64")}`;
