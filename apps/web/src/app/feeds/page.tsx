import { listFeeds } from "@mlsec/db";
import { ActionButton } from "@/components/action-button.tsx";
import { CopyButton } from "@/components/copy-button.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { feedUrl } from "@/lib/feed-url.ts";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { CreateFeedForm } from "./create-feed-form.tsx";
import { filterSummary } from "./feed-summary.ts";
import { RotateFeedButton } from "./rotate-feed-button.tsx";

/**
 * Feeds: the tenant's decisions served to firewalls, IDSs and TIPs, each with its own token, filter
 * and format. Everyone reads the list and its pull record; the roles that decide what is blocked
 * (scope "feedback", as the API) create, rotate and revoke.
 */
export default async function FeedsPage() {
  const user = await requireScope("read");
  const canWrite = roleHasScope(user.role, "feedback");
  const feeds = await listFeeds(user.tenantId);
  return (
    <>
      <h1>Feeds</h1>
      <p className="muted">
        A feed serves this organisation&rsquo;s block decisions to one consumer (a CrowdSec bouncer, a
        firewall&rsquo;s external list, MISP, a TAXII client) in its format, filtered by score, bucket and
        family. Each feed has its own read-only token, shown once when it is created or rotated; revoking
        stops it at the next pull.
      </p>
      {canWrite && <CreateFeedForm />}
      <h2>Feeds</h2>
      {feeds.length === 0 && <p className="empty panel">No feeds yet.</p>}
      <div className="feed-list" data-testid="feed-list">
        {feeds.map((f) => {
          const url = feedUrl(f);
          return (
            <section key={f.id} className="panel feed" data-testid="feed" data-feed-id={f.id}>
              <h3>
                {f.name} <StatusBadge value={f.revokedAt ? "revoked" : "active"} />
              </h3>
              <dl className="facts">
                <dt>Format</dt>
                <dd data-testid="feed-format">{f.format}</dd>
                <dt>Filter</dt>
                <dd data-testid="feed-filter">{filterSummary(f)}</dd>
                <dt>URL</dt>
                <dd className="row">
                  <code data-testid="feed-url" className="wrap">
                    {url}
                  </code>
                  <CopyButton text={url} label="Copy URL" />
                </dd>
                <dt>Token starts</dt>
                <dd className="mono" data-testid="feed-token-prefix">
                  {f.tokenPrefix}…
                </dd>
                <dt>Status</dt>
                <dd data-testid="feed-status">
                  {f.revokedAt ? `revoked ${formatDateTime(f.revokedAt.toISOString())}` : "active"}
                </dd>
                <dt>Pulls</dt>
                <dd data-testid="feed-pulls">{formatCount(f.pulls)}</dd>
                <dt>Last pull</dt>
                <dd data-testid="feed-last-pull">
                  {f.lastPullAt
                    ? `${formatDateTime(f.lastPullAt.toISOString())} from ${f.lastPullFrom ?? "?"}, ${formatCount(f.lastPullEntries ?? 0)} entries`
                    : "never"}
                </dd>
              </dl>
              {canWrite && !f.revokedAt && (
                <div className="row feed-actions">
                  <RotateFeedButton id={f.id} name={f.name} />
                  <ActionButton
                    path={`/api/v1/feeds/${encodeURIComponent(f.id)}`}
                    label="Revoke"
                    confirmText={`Revoke the feed "${f.name}"? Its consumers get 401 from the next pull, for good.`}
                  />
                </div>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
