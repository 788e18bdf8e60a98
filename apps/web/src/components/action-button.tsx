"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";

/**
 * One API call behind a button (revoke a key, remove an entry or a member), confirmed first, then
 * the server-rendered page is refreshed. The API route checks the role; this only asks it.
 */
export function ActionButton({
  path,
  method = "DELETE",
  label,
  confirmText,
}: {
  path: string;
  method?: "DELETE" | "POST";
  label: string;
  confirmText: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    if (!window.confirm(confirmText)) return;
    setBusy(true);
    setError(null);
    try {
      await portalFetch(path, { method });
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="small danger" disabled={busy} onClick={() => void onClick()}>
        {label}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
