import Link from "next/link";
import { redirect } from "next/navigation";
import { getPortalUser } from "@/lib/require-session.ts";
import { SignInForm } from "./sign-in-form.tsx";

export default async function SignInPage() {
  if (await getPortalUser()) redirect("/");
  return (
    <div className="panel narrow">
      <h1>Sign in</h1>
      <SignInForm />
      <p className="muted">
        No account yet? <Link href="/signup">Create an organisation</Link>.
      </p>
    </div>
  );
}
