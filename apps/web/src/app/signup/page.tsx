import Link from "next/link";
import { redirect } from "next/navigation";
import { JsRequiredNotice } from "@/components/js-required-notice.tsx";
import { JS_REQUIRED_PARAM, cameBackWithoutJs } from "@/lib/js-required.ts";
import { getPortalUser } from "@/lib/require-session.ts";
import { SignUpForm } from "./sign-up-form.tsx";

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getPortalUser()) redirect("/");
  const cameBack = cameBackWithoutJs((await searchParams)[JS_REQUIRED_PARAM]);
  return (
    <div className="panel narrow">
      <h1>Create an organisation</h1>
      <p className="muted">Your organisation keeps its own uploads, models and reports; you are its owner.</p>
      <JsRequiredNotice cameBack={cameBack} toDo="create an organisation" />
      <SignUpForm />
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
