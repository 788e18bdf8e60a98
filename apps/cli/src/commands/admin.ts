import { readFileSync } from "node:fs";
import { ZClusterRules } from "@mlsec/core/rank";
import {
  activateModelVersion,
  closeDb,
  createTenantWithOwner,
  listModels,
  resealWebhookSecrets,
  setClusterRules,
  setTriageThresholds,
  setNotificationSettings,
} from "@mlsec/db";
import type { TCommand } from "../command.ts";
import { parseArgs, UsageError } from "../args.ts";

const HELP = `Usage:
  mlsec admin create-tenant --name NAME --email EMAIL --password PASSWORD
  mlsec admin list-models --tenant TENANT_ID
  mlsec admin activate-model --tenant TENANT_ID --version N
  mlsec admin set-rules --tenant TENANT_ID (--file RULES.json | --defaults)
  mlsec admin set-triage --tenant TENANT_ID --block P --review P
  mlsec admin set-notifications --tenant TENANT_ID [--webhook URL --secret S] [--email ADDRESS]
  mlsec admin reseal-secrets [--tenant TENANT_ID]

create-tenant makes an organisation (tenant) with its first user as owner and an API key, and
prints {"tenantId","userId","apiKey"}; the key is shown only this once. list-models prints the
tenant's model versions with their metrics; activate-model makes a version the active one (rollback).
set-rules stores the tenant's behaviour rules (the JSON that \`mlsec rank --clusters\` reads;
--defaults goes back to the built-in ones); the next upload ranks and trains with them.
set-triage sets the probabilities at which an IP is put in "block" (default 0.9) and "review" (0.5).
set-notifications says where "report ready" goes: a webhook (body signed with HMAC-SHA256 under
the secret, header x-mlsec-signature: v1=hex over "<x-mlsec-timestamp>.<body>") and/or an email
(sent through SMTP_URL); a channel left out is switched off.
reseal-secrets seals every stored webhook secret under the first key of SECRETS_ENCRYPTION_KEYS:
plaintext ones left from before sealing and ones sealed under an older key (rotation, see
docs/security.md); prints {"resealed": N}. Safe to run again.
All use the database named by DATABASE_URL.
`;

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<unknown>> = {
  "create-tenant": async (argv) => {
    const { strings } = parseArgs(argv, {
      name: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
    });
    const { name, email, password } = strings;
    if (!name || !email || !password) throw new UsageError("--name, --email and --password are all required");
    if (password.length < 8) throw new UsageError("--password must be at least 8 characters");
    return createTenantWithOwner({ name, email, password, withApiKey: true });
  },
  "list-models": async (argv) => {
    const tenant = parseArgs(argv, { tenant: { type: "string" } }).strings.tenant;
    if (!tenant) throw new UsageError("--tenant is required");
    const models = await listModels(tenant);
    return models.map((m) => ({
      version: m.version,
      status: m.status,
      createdAt: m.createdAt,
      metrics: m.metrics,
    }));
  },
  "activate-model": async (argv) => {
    const { strings } = parseArgs(argv, { tenant: { type: "string" }, version: { type: "string" } });
    const version = Number(strings.version);
    if (!strings.tenant || !Number.isInteger(version) || version < 1)
      throw new UsageError("--tenant and a whole --version are required");
    const model = await activateModelVersion({ tenantId: strings.tenant, version });
    return { version: model.version, status: model.status };
  },
  "set-rules": async (argv) => {
    const { strings, booleans } = parseArgs(argv, {
      tenant: { type: "string" },
      file: { type: "string" },
      defaults: { type: "boolean" },
    });
    if (!strings.tenant || (!strings.file && !booleans.defaults))
      throw new UsageError("--tenant and one of --file or --defaults are required");
    const rules = strings.file
      ? ZClusterRules.safeParse(JSON.parse(readFileSync(strings.file, "utf8")))
      : null;
    if (rules && !rules.success)
      throw new UsageError(`--file: ${rules.error.issues.map((i) => i.message).join("; ")}`);
    await setClusterRules({ tenantId: strings.tenant, rules: rules?.data ?? null });
    return { rules: rules?.data.map((r) => r.name) ?? "defaults" };
  },
  "set-triage": async (argv) => {
    const { strings } = parseArgs(argv, {
      tenant: { type: "string" },
      block: { type: "string" },
      review: { type: "string" },
    });
    const block = Number(strings.block);
    const review = Number(strings.review);
    if (!strings.tenant || !(review >= 0 && review <= block && block <= 1))
      throw new UsageError("--tenant, --block and --review are required, with 0 <= review <= block <= 1");
    const t = await setTriageThresholds({ tenantId: strings.tenant, block, review });
    return { block: t.triageBlock, review: t.triageReview };
  },
  "set-notifications": async (argv) => {
    const { strings } = parseArgs(argv, {
      tenant: { type: "string" },
      webhook: { type: "string" },
      secret: { type: "string" },
      email: { type: "string" },
    });
    if (!strings.tenant) throw new UsageError("--tenant is required");
    if (strings.webhook && !/^https?:\/\//.test(strings.webhook))
      throw new UsageError("--webhook must be an http(s) URL");
    if (strings.webhook && !strings.secret) throw new UsageError("--webhook needs a --secret to sign with");
    const t = await setNotificationSettings({
      tenantId: strings.tenant,
      webhookUrl: strings.webhook ?? null,
      webhookSecret: strings.webhook ? (strings.secret ?? null) : null,
      notifyEmail: strings.email ?? null,
    });
    return { webhookUrl: t.webhookUrl, notifyEmail: t.notifyEmail };
  },
  "reseal-secrets": async (argv) => {
    const tenant = parseArgs(argv, { tenant: { type: "string" } }).strings.tenant;
    return { resealed: await resealWebhookSecrets(undefined, tenant ? { tenantIds: [tenant] } : {}) };
  },
};

export const command: TCommand = {
  name: "admin",
  summary: "administer the platform database",
  help: HELP,
  async run(argv) {
    const [sub, ...rest] = argv;
    const handler = sub ? SUBCOMMANDS[sub] : undefined;
    if (!handler) throw new UsageError(sub ? `unknown admin command '${sub}'` : "missing admin command");
    try {
      process.stdout.write(`${JSON.stringify(await handler(rest))}\n`);
      return 0;
    } finally {
      await closeDb();
    }
  },
};
