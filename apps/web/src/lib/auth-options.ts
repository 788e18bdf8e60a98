import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticateUser, getMembership, recordAudit } from "@mlsec/db";
import { clearSignInFailures, clientAddress, recordSignInFailure } from "./rate-limits.ts";
import { getWebEnv } from "./web-env.ts";

const ZCredentials = z.object({
  email: z.email(),
  password: z.string().min(1).max(200),
  /** Optional: the organisation to act in (the invitation page passes the one just joined). */
  tenantId: z.string().min(1).max(100).optional(),
});
/** What the organisation switcher sends through next-auth's session update. */
const ZSwitch = z.object({ tenantId: z.string().min(1).max(100) });

/**
 * The claims the session token carries; requireSession re-checks them against the database. `sv`
 * is User.sessionVersion at sign-in: a role change moves it on and ends the session. Tokens from
 * before it existed read as 0, the version every user started at.
 */
export const ZSessionClaims = z.object({
  userId: z.string().min(1),
  tenantId: z.string().min(1),
  sv: z.number().int().nonnegative().default(0),
});
export type TSessionClaims = z.infer<typeof ZSessionClaims>;

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getWebEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw, req) {
          const creds = ZCredentials.safeParse(raw);
          if (!creds.success) return null;
          const user = await authenticateUser(creds.data.email, creds.data.password, creds.data.tenantId);
          // Failures count towards the limits the sign-in route checks first (rate-limits.ts).
          if (!user) {
            await recordSignInFailure(creds.data.email, clientAddress(req.headers ?? {}));
            return null;
          }
          await clearSignInFailures(creds.data.email);
          // A sign-in that cannot be audited still signs in: the log is a record, not a gate.
          await recordAudit({
            tenantId: user.tenantId,
            actor: user.userId,
            action: "sign-in",
            target: user.email,
          }).catch((err: unknown) => console.error("[audit] sign-in:", err));
          const signedIn = {
            id: user.userId,
            email: user.email,
            name: user.name,
            tenantId: user.tenantId,
            sessionVersion: user.sessionVersion,
          };
          return signedIn;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        // `user` is only present right after sign-in; later calls keep the claims already in the token.
        const fresh = ZSignedInUser.safeParse(user);
        if (fresh.success) {
          token.userId = fresh.data.id;
          token.tenantId = fresh.data.tenantId;
          token.sv = fresh.data.sessionVersion;
        }
        // Switching organisation: only to one the user is a member of, checked here, not trusted.
        const wanted = trigger === "update" ? ZSwitch.safeParse(session) : null;
        const claims = ZSessionClaims.safeParse(token);
        if (
          wanted?.success &&
          claims.success &&
          (await getMembership(claims.data.userId, wanted.data.tenantId))
        )
          token.tenantId = wanted.data.tenantId;
        return token;
      },
      session({ session, token }) {
        const claims = ZSessionClaims.safeParse(token);
        return claims.success ? { ...session, user: { ...session.user, ...claims.data } } : session;
      },
    },
  };
}

const ZSignedInUser = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  sessionVersion: z.number().int().nonnegative(),
});
