import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth-options.ts";

const handler = NextAuth(getAuthOptions()) as (
  req: Request,
  ctx: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

export { handler as GET, handler as POST };
