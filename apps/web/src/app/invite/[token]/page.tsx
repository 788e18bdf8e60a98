import Link from "next/link";
import { peekInvitation } from "@mlsec/db";
import { JsRequiredNotice } from "@/components/js-required-notice.tsx";
import { JS_REQUIRED_PARAM, cameBackWithoutJs } from "@/lib/js-required.ts";
import { AcceptInvitationForm } from "./accept-invitation-form.tsx";

/**
 * Where the invitation email's link lands: no sign-in needed, the token is the credential. A new
 * address creates its account with a password; an existing account joins and signs in.
 */
export default async function InvitePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const cameBack = cameBackWithoutJs((await searchParams)[JS_REQUIRED_PARAM]);
  const invitation = token.length <= 200 ? await peekInvitation(decodeURIComponent(token)) : null;
  if (!invitation) {
    return (
      <div className="panel narrow" data-testid="invitation-invalid">
        <h1>Invitation not valid</h1>
        <p>This invitation is unknown, was already used, or has expired. Ask for a new one.</p>
        <p>
          <Link href="/signin">Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="panel narrow">
      <h1>Join {invitation.organisation}</h1>
      <p>
        You are invited as <strong>{invitation.role}</strong> with the address{" "}
        <strong>{invitation.email}</strong>.
      </p>
      <JsRequiredNotice cameBack={cameBack} toDo="accept an invitation" />
      <AcceptInvitationForm
        token={decodeURIComponent(token)}
        email={invitation.email}
        hasAccount={invitation.hasAccount}
      />
    </div>
  );
}
