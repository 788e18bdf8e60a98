import Link from "next/link";
import { redirect } from "next/navigation";
import { JsRequiredNotice } from "@/components/js-required-notice.tsx";
import { JS_REQUIRED_PARAM, cameBackWithoutJs } from "@/lib/js-required.ts";
import { getPortalUser } from "@/lib/require-session.ts";
import { SignInForm } from "./sign-in-form.tsx";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getPortalUser()) redirect("/");
  const cameBack = cameBackWithoutJs((await searchParams)[JS_REQUIRED_PARAM]);
  return (
    <div className="panel narrow">
      <h1>Sign in</h1>
      <JsRequiredNotice cameBack={cameBack} toDo="sign in" />
      <SignInForm />
      <p className="muted">
        No account yet? <Link href="/signup">Create an organisation</Link>.
      </p>
    </div>
  );
}
