/**
 * Headers on every portal page and API answer (next.config.ts). The CSP keeps scripts, frames,
 * forms and connections to this origin. Scripts still need 'unsafe-inline': Next inlines its
 * hydration data, and a per-request nonce would need a proxy (middleware) file, which would make
 * Next buffer every upload body in memory. React's development build also needs 'unsafe-eval'.
 * HSTS is sent always: browsers ignore it over plain HTTP and keep it over TLS.
 */
export function securityHeaders(opts: { dev: boolean }): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
}
