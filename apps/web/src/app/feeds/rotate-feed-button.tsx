"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZFeedIssued, type TFeedIssued } from "@/lib/api-schemas/feeds.ts";
import { failureText, portalFetch } from "@/lib/portal-fetch.ts";
import { FeedSecret } from "./feed-secret.tsx";

/**
 * Rotates a feed's token (POST /api/v1/feeds/:id/rotate), confirmed first because the consumers
 * using the old token stop at once, then shows the new token once with the consumer's configuration.
 */
export function RotateFeedButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<TFeedIssued | null>(null);
  const onClick = async () => {
    if (
      !window.confirm(
        `Rotate the token of the feed "${name}"? Its consumers get 401 until they are given the new token.`,
      )
    )
      return;
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      setIssued(
        ZFeedIssued.parse(
          await portalFetch(`/api/v1/feeds/${encodeURIComponent(id)}/rotate`, { method: "POST" }),
        ),
      );
      // The new token prefix on the page.
      router.refresh();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={() => void onClick()}>
        Rotate token
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
      {issued && <FeedSecret feed={issued} heading={`New token for “${issued.name}”.`} />}
    </>
  );
}
