import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { loadWebEnv } from "@mlsec/config";
import { securityHeaders } from "./src/lib/security-headers.ts";

/**
 * Hosts `next dev` serves its scripts and hot-reload socket to. Next allows only localhost unless
 * told otherwise, so at http://127.0.0.1:3000 (the README's address) the page never hydrated and
 * its forms submitted natively. NEXTAUTH_URL's host is where the portal is opened (npm run dev
 * sets it), so it is allowed too. Read in development only: `next build` runs with
 * NODE_ENV=production, where packages/config refuses the development secret.
 */
function devOrigins(phase: string): string[] | undefined {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return undefined;
  return [...new Set(["127.0.0.1", "localhost", new URL(loadWebEnv().NEXTAUTH_URL).hostname])];
}

// The workspace packages export raw TypeScript (with `.ts` import extensions), so Next compiles
// them itself. Packages with native bindings, dynamic requires or their own wasm/runtime files are
// left to Node at run time instead of being bundled.
const nextConfig = (phase: string): NextConfig => ({
  transpilePackages: [
    "@mlsec/config",
    "@mlsec/core",
    "@mlsec/db",
    "@mlsec/jobs",
    "@mlsec/pipeline",
    "@mlsec/storage",
  ],
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "bullmq",
    "ioredis",
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
    "bcryptjs",
    "prom-client",
  ],
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(phase),
  // `next dev` logs every server function call with its arguments, and signUpAction's include the
  // password: no credential goes to a terminal or a log file.
  logging: { serverFunctions: false },
  // TAXII 2.1 requires every URL to end with a slash, and Next's built-in redirect would send
  // /api/v1/taxii2/... to the same path without it. So the built-in is off and the same redirect
  // (permanent, to the path without its trailing slash) is declared for every path but TAXII's.
  skipTrailingSlashRedirect: true,
  redirects: () =>
    Promise.resolve([{ source: "/:path((?!api/v1/taxii2/).+)/", destination: "/:path", permanent: true }]),
  // forbidden(): a page refused by role answers a real 403 with app/forbidden.tsx (lib/require-scope.ts).
  experimental: { authInterrupts: true },
  // No proxy (middleware) file on purpose: with one, Next buffers every request body in memory
  // (proxyClientMaxBodySize), which would defeat streaming multi-gigabyte uploads to S3.
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: securityHeaders({ dev: phase === PHASE_DEVELOPMENT_SERVER }) },
    ]),
});

export default nextConfig;
