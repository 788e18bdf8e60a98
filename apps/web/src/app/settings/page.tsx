import { notFound } from "next/navigation";
import { requireScope } from "@/lib/require-scope.ts";
import { settingsView } from "@/lib/settings-view.ts";
import { DataSection } from "./data-section.tsx";
import { NotificationsForm, RulesForm, TriageForm } from "./settings-forms.tsx";

/**
 * The organisation's triage thresholds, report-ready notifications and behaviour rules: what
 * `mlsec admin set-triage/set-notifications/set-rules` set, saved through PATCH /api/v1/settings.
 * Owners and admins; its data section (retention, export, erase) is data-section.tsx.
 */
export default async function SettingsPage() {
  const user = await requireScope("manage");
  const view = await settingsView(user.tenantId);
  if (!view) notFound();
  return (
    <>
      <h1>Settings</h1>
      <h2>Triage</h2>
      <p className="muted">
        An IP whose probability of being malicious is at or above the block threshold goes in the
        &ldquo;block&rdquo; bucket, at or above the review threshold in &ldquo;review&rdquo;, else
        &ldquo;allow&rdquo;. Applies to the next reports and exports.
      </p>
      <TriageForm block={view.triage.block} review={view.triage.review} />
      <h2>Notifications</h2>
      <p className="muted">
        When a report is ready: a POST to the webhook, signed with HMAC-SHA256 under the secret (header
        <code> x-mlsec-signature: v1=hex</code> over <code>&lt;x-mlsec-timestamp&gt;.&lt;body&gt;</code>),
        and/or an email. Leave a field empty to switch that channel off.
      </p>
      <NotificationsForm
        webhookUrl={view.notifications.webhookUrl ?? ""}
        secretSet={view.notifications.webhookSecretSet}
        notifyEmail={view.notifications.notifyEmail ?? ""}
      />
      <h2>Behaviour rules</h2>
      <p className="muted">
        The clusters an IP&apos;s day is ranked in (at most 16, unique names): <code>watched-ports</code> with{" "}
        <code>ports</code>, <code>port-scan</code> with <code>minDistinctPorts</code>,{" "}
        <code>brute-force</code> with <code>minAuthFailures</code>. The next upload ranks and trains with
        them. {view.rulesAreDefault ? "The built-in rules are in use." : "Your own rules are in use."}
      </p>
      <RulesForm rules={JSON.stringify(view.rules, null, 2)} />
      <DataSection
        organisation={view.organisation}
        retentionDays={view.retention.days}
        canErase={user.role === "owner"}
      />
    </>
  );
}
