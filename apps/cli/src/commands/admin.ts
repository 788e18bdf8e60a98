import { closeDb, createTenantWithOwner } from "@mlsec/db";
import type { TCommand } from "../command.ts";
import { parseArgs, UsageError } from "../args.ts";

const HELP = `Usage: mlsec admin create-tenant --name NAME --email EMAIL --password PASSWORD

Creates an organisation (tenant) with its first user as owner and an API key, in the database
named by DATABASE_URL. Prints {"tenantId","userId","apiKey"}; the key is shown only this once.
`;

export const command: TCommand = {
  name: "admin",
  summary: "administer the platform database",
  help: HELP,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== "create-tenant")
      throw new UsageError(sub ? `unknown admin command '${sub}'` : "missing admin command");
    const args = parseArgs(rest, {
      name: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
    });
    const { name, email, password } = args.strings;
    if (!name || !email || !password) throw new UsageError("--name, --email and --password are all required");
    if (password.length < 8) throw new UsageError("--password must be at least 8 characters");
    try {
      const created = await createTenantWithOwner({ name, email, password, withApiKey: true });
      process.stdout.write(`${JSON.stringify(created)}\n`);
      return 0;
    } finally {
      await closeDb();
    }
  },
};
