import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth-options.ts";
import { clientAddress, signInBlocked } from "@/lib/rate-limits.ts";
import { retryAfterSeconds } from "@mlsec/jobs";
import { getWebEnv } from "@/lib/web-env.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TCtx = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(getAuthOptions()) as (req: Request, ctx: TCtx) => Promise<Response>;

/**
 * The credentials sign-in, refused with 429 + Retry-After while its account or address has too many
 * recent failures: before next-auth runs, so the password is not even checked (the right one is
 * refused too until the window passes). The body keeps `url` with an error, which next-auth's
 * signIn() needs to report the error to the form instead of throwing.
 */
async function POST(req: Request, ctx: TCtx): Promise<Response> {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const blocked = await signInBlocked(typeof email === "string" ? email : "", clientAddress(req.headers));
    if (blocked) {
      const retryAfter = retryAfterSeconds(blocked);
      const url = new URL("/signin", getWebEnv().NEXTAUTH_URL);
      // signIn() hands the form only the error parameter, so it carries the wait too.
      url.searchParams.set("error", `TooManyAttempts:${retryAfter}`);
      return jsonOk(
        {
          error: `too many attempts, try again in ${Math.ceil(retryAfter / 60)} minutes`,
          retryAfter,
          url: url.href,
        },
        { status: 429, headers: { "Retry-After": String(retryAfter) } },
      );
    }
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
