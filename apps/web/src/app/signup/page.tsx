import Link from "next/link";
import { redirect } from "next/navigation";
import { getPortalUser } from "@/lib/require-session.ts";
import { SignUpForm } from "./sign-up-form.tsx";

export default async function SignUpPage() {
  if (await getPortalUser()) redirect("/");
  return (
    <div className="panel narrow">
      <h1>Create an organisation</h1>
      <p className="muted">Your organisation keeps its own uploads, models and reports; you are its owner.</p>
      <SignUpForm />
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
