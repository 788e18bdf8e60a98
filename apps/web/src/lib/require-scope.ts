import { forbidden } from "next/navigation";
import { roleHasScope, type TScope } from "./authenticate-request.ts";
import { requireSession, type TPortalUser } from "./require-session.ts";

/**
 * For pages: the signed-in user when their role grants `scope` (the same table the API checks),
 * otherwise the 403 page (app/forbidden.tsx); no session redirects to sign-in as requireSession does.
 */
export async function requireScope(scope: TScope): Promise<TPortalUser> {
  const user = await requireSession();
  if (!roleHasScope(user.role, scope)) forbidden();
  return user;
}
