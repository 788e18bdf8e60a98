"use client";

import { useState } from "react";
import { ZFeedIssued, type TFeedIssued } from "@/lib/api-schemas/feeds.ts";
import { portalFetch } from "@/lib/portal-fetch.ts";
import { usePortalAction } from "@/components/use-portal-action.ts";
import { FeedSecret } from "./feed-secret.tsx";
import { FormError } from "@/components/form-error.tsx";

/**
 * Rotates a feed's token (POST /api/v1/feeds/:id/rotate), confirmed first because the consumers
 * using the old token stop at once, then shows the new token once with the consumer's configuration.
 */
export function RotateFeedButton({ id, name }: { id: string; name: string }) {
  const [issued, setIssued] = useState<TFeedIssued | null>(null);
  // The refresh after it succeeds puts the new token prefix on the page.
  const { busy, error, run } = usePortalAction(async () => {
    setIssued(null);
    setIssued(
      ZFeedIssued.parse(
        await portalFetch(`/api/v1/feeds/${encodeURIComponent(id)}/rotate`, { method: "POST" }),
      ),
    );
  });
  const onClick = () => {
    const question = `Rotate the token of the feed "${name}"? Its consumers get 401 until they are given the new token.`;
    if (window.confirm(question)) run();
  };
  return (
    <>
      <button type="button" className="small" disabled={busy} onClick={onClick}>
        Rotate token
      </button>
      <FormError error={error} inline />
      {issued && <FeedSecret feed={issued} heading={`New token for “${issued.name}”.`} />}
    </>
  );
}
