// API answers are per tenant, per principal and per moment: no browser or proxy may keep one.
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Response headers: `headers` plus Cache-Control: no-store. */
export const noStore = (headers: Record<string, string> = {}): Record<string, string> => ({
  ...NO_STORE,
  ...headers,
});
