import { CopyButton } from "@/components/copy-button.tsx";
import type { TFeedIssued } from "@/lib/api-schemas/feeds.ts";
import { consumerConfig } from "./consumer-config.ts";

/**
 * A feed's token as it is issued (created or rotated), with the consumer's configuration filled in.
 * Only the token's hash is stored, so this is the one time it can be shown.
 */
export function FeedSecret({ feed, heading }: { feed: TFeedIssued; heading: string }) {
  return (
    <div className="secret feed-secret" data-testid="feed-secret">
      <p role="status">
        <strong>{heading}</strong> Copy the token now: it is shown only this once and cannot be shown again.
        If it is lost, rotate the feed for a new one.
      </p>
      <div className="row">
        <code data-testid="feed-token-value">{feed.token}</code>
        <CopyButton text={feed.token} label="Copy token" />
      </div>
      {consumerConfig(feed, feed.token).map((step) => (
        <div key={step.where} className="config-step">
          <p>{step.where}</p>
          <pre data-testid="feed-config">{step.text}</pre>
          <CopyButton text={step.text} />
        </div>
      ))}
    </div>
  );
}
