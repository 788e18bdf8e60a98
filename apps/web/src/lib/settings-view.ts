import { DEFAULT_CLUSTERS } from "@mlsec/core/rank";
import { getTenant } from "@mlsec/db";
import { tenantRankSettings } from "@mlsec/pipeline/settings";

/** The tenant's settings as the API and the settings page show them: never the webhook secret. */
export async function settingsView(tenantId: string) {
  const tenant = await getTenant(tenantId);
  if (!tenant) return null;
  return {
    organisation: tenant.name,
    triage: { block: tenant.triageBlock, review: tenant.triageReview },
    notifications: {
      webhookUrl: tenant.webhookUrl,
      webhookSecretSet: Boolean(tenant.webhookSecret),
      notifyEmail: tenant.notifyEmail,
    },
    rules: tenantRankSettings(tenant).clusters,
    rulesAreDefault: tenant.clusterRules === null,
    retention: { days: tenant.retentionDays },
    defaultRules: DEFAULT_CLUSTERS,
  };
}
