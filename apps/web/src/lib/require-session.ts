import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getSessionMembership } from "@mlsec/db";
import { getAuthOptions, ZSessionClaims } from "./auth-options.ts";

export type TPortalUser = { userId: string; tenantId: string; role: string; email: string };

/**
 * The signed-in user with the organisation they act in, or null. The token alone is not trusted:
 * the membership is looked up on every request, so removing a member takes effect at once.
 * React's cache() shares the answer between the layout and the page of one render.
 */
export const getPortalUser = cache(async function getPortalUser(): Promise<TPortalUser | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = ZSessionClaims.safeParse(session?.user);
  if (!claims.success) return null;
  // Also null for a session issued before the user's last role change (session rotation).
  const membership = await getSessionMembership(claims.data.userId, claims.data.tenantId, claims.data.sv);
  if (!membership) return null;
  return {
    userId: claims.data.userId,
    tenantId: claims.data.tenantId,
    role: membership.role,
    email: session?.user?.email ?? "",
  };
});

/** For pages: the portal user, or a redirect to the sign-in page. */
export async function requireSession(): Promise<TPortalUser> {
  const user = await getPortalUser();
  if (!user) redirect("/signin");
  return user;
}
