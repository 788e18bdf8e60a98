"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { failureText } from "@/lib/portal-fetch.ts";

/**
 * An API call from the portal (a button, a select, a form): busy while it runs, the page's server
 * data re-read after it succeeds, the API's reason shown when it fails. One place for what each
 * button and form did by hand.
 */
export function usePortalAction<TArgs extends unknown[]>(act: (...args: TArgs) => Promise<void>) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (...args: TArgs) => {
    setBusy(true);
    setError(null);
    try {
      await act(...args);
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run: (...args: TArgs) => void run(...args) };
}
