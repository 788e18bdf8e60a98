/**
 * Minimal argv parser for mlsec. Unlike node:util parseArgs it accepts both `--benign A B` and
 * `--benign A --benign B` for list options, which the CLI's contract promises.
 */
export type TOptionSpec = Record<string, { type: "string" | "boolean" | "list"; short?: string }>;

export type TParsedArgs = {
  positionals: string[];
  strings: Record<string, string>;
  booleans: Record<string, boolean>;
  lists: Record<string, string[]>;
};

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: TOptionSpec): TParsedArgs {
  const out: TParsedArgs = { positionals: [], strings: {}, booleans: {}, lists: {} };
  const byShort = new Map(Object.entries(spec).flatMap(([k, v]) => (v.short ? [[v.short, k] as const] : [])));
  let listKey: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      listKey = null;
      const [rawName, inline] = arg.startsWith("--")
        ? splitInline(arg.slice(2))
        : [byShort.get(arg.slice(1)) ?? arg, undefined];
      const name = rawName;
      const opt = spec[name];
      if (!opt) throw new UsageError(`unknown option ${arg}`);
      if (opt.type === "boolean") {
        out.booleans[name] = true;
        continue;
      }
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      if (opt.type === "string") out.strings[name] = value;
      else {
        (out.lists[name] ??= []).push(value);
        listKey = name;
      }
      continue;
    }
    // After a list option, bare words keep extending that list (`--benign A B`).
    if (listKey) (out.lists[listKey] ??= []).push(arg);
    else out.positionals.push(arg);
  }
  return out;
}

function splitInline(s: string): [string, string | undefined] {
  const eq = s.indexOf("=");
  return eq < 0 ? [s, undefined] : [s.slice(0, eq), s.slice(eq + 1)];
}
