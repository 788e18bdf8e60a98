"use client";

import { portalFetch } from "@/lib/portal-fetch.ts";
import { usePortalAction } from "@/components/use-portal-action.ts";
import { FormError } from "@/components/form-error.tsx";

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
  const { busy, error, run } = usePortalAction(async () => {
    await portalFetch(path, { method });
  });
  const onClick = () => {
    if (window.confirm(confirmText)) run();
  };
  return (
    <>
      <button type="button" className="small danger" disabled={busy} onClick={onClick}>
        {label}
      </button>
      <FormError error={error} inline />
    </>
  );
}
