"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { formText } from "@/lib/form-text.ts";
import { jsRequiredAction } from "@/lib/js-required.ts";
import { signUpAction } from "./sign-up-action.ts";
import { FormError } from "@/components/form-error.tsx";

export function SignUpForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: formText(form, "name"),
      email: formText(form, "email"),
      password: formText(form, "password"),
    };
    setBusy(true);
    setError(null);
    try {
      const created = await signUpAction(input);
      if (!created.ok) throw new Error(created.error);
      const res = await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
      if (!res?.ok || res.error)
        throw new Error("Account created, but signing in failed; try the sign-in page.");
      window.location.assign("/");
    } catch (err) {
      setBusy(false);
      setError(err instanceof Error ? err.message : "Sign-up failed.");
    }
  };

  return (
    // method and action only matter before hydration: a native post goes to /api/js-required, so
    // the password never lands in a URL.
    <form
      className="stack"
      method="post"
      action={jsRequiredAction("/signup")}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormError error={error} />
      <label>
        Organisation name
        <input name="name" type="text" autoComplete="organization" required maxLength={120} />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password (at least 8 characters)
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create organisation"}
      </button>
    </form>
  );
}
