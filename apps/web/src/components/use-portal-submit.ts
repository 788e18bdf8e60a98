"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { failureText } from "@/lib/portal-fetch.ts";

/**
 * The admin forms' submit: `send` gets the form's fields and calls the API; while it runs the form
 * is busy; on success the form is cleared and the page's server data re-read; a failure shows the
 * API's reason. One place for what the keys, invitation and list forms each did by hand.
 */
export function usePortalSubmit(send: (form: FormData) => Promise<void>) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await send(new FormData(formEl));
      formEl.reset();
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, onSubmit: (e: FormEvent<HTMLFormElement>) => void onSubmit(e) };
}
