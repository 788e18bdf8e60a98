"use server";

import { z } from "zod";
import { ConflictError, createTenantWithOwner, WeakPasswordError } from "@mlsec/db";

const ZSignUp = z.object({
  name: z.string().trim().min(1, "Organisation name is required").max(120),
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
});
export type TSignUpInput = z.input<typeof ZSignUp>;
export type TSignUpResult = { ok: true } | { ok: false; error: string };

/** Creates the organisation (tenant) with its owner; the form then signs in with the same credentials. */
export async function signUpAction(input: TSignUpInput): Promise<TSignUpResult> {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join(". ") };
  try {
    await createTenantWithOwner(parsed.data);
    return { ok: true };
  } catch (err) {
    if (err instanceof ConflictError)
      return { ok: false, error: "An account with this email already exists." };
    // The password policy (packages/core auth): the reason, e.g. a common breached password.
    if (err instanceof WeakPasswordError)
      return { ok: false, error: `${err.message[0]?.toUpperCase() ?? ""}${err.message.slice(1)}.` };
    throw err;
  }
}
