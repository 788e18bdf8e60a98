import type { TCommand } from "./command.ts";
import { UsageError } from "./args.ts";

// Subcommands load lazily so `mlsec ingest` never pays for the database client or the SVM.
const COMMANDS: Record<string, { summary: string; load: () => Promise<TCommand> }> = {
  ingest: {
    summary: "parse logs into events and per-day rollups",
    load: async () => (await import("./commands/ingest.ts")).command,
  },
  rank: {
    summary: "rank IPs, /24s, /16s and ASes from logs",
    load: async () => (await import("./commands/rank.ts")).command,
  },
  features: {
    summary: "write the labelled feature matrix",
    load: async () => (await import("./commands/features.ts")).command,
  },
  train: {
    summary: "train and cross-validate an SVM",
    load: async () => (await import("./commands/train.ts")).command,
  },
  backtest: {
    summary: "train as of a day, score that day's new arrivals",
    load: async () => (await import("./commands/backtest.ts")).command,
  },
  analyze: {
    summary: "ingest, rank, train, score and report in one go",
    load: async () => (await import("./commands/analyze.ts")).command,
  },
  score: {
    summary: "score IPs with a trained model",
    load: async () => (await import("./commands/score.ts")).command,
  },
  feeds: {
    summary: "feed quality: novelty, churn, overlap, aging, uniqueness",
    load: async () => (await import("./commands/feeds.ts")).command,
  },
  admin: {
    summary: "administer the platform database (create-tenant)",
    load: async () => (await import("./commands/admin.ts")).command,
  },
};

const HELP = `mlsec: find the likely malicious IP addresses in firewall and SIEM logs

Usage: mlsec <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run \`mlsec <command> --help\` for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`mlsec: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`mlsec ${name}: ${err.message}\n\n${command.help}`);
      return 2;
    }
    process.stderr.write(`mlsec ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
