// Rewrites imports that name a file inside @mlsec/core or @mlsec/pipeline
// (`@mlsec/core/rank/features`, `@mlsec/pipeline/ip-history`) to the package's explicit entries
// (`@mlsec/core/rank`, `@mlsec/pipeline/ips`), as listed in each package.json "exports" (#23).
// Each imported name goes to the entry that exports the same declaration: the area holding the
// file first, then the narrowest (so apps/web never lands on the pipeline index, which reaches the
// ingest kernel). Imports of one entry in a file are merged. Re-runnable: code written against the
// old file paths while the entries landed is fixed by running it again.
//
//   node infra/rewrite-deep-imports.mjs            rewrite every tracked or new source file
//   node infra/rewrite-deep-imports.mjs --check    rewrite nothing; exit 1 if anything would change
//   node infra/rewrite-deep-imports.mjs FILE...    only these files
//
// A name that no entry exports is reported with the entry to add it to, and the exit code is 1.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGES = { "@mlsec/core": "packages/core", "@mlsec/pipeline": "packages/pipeline" };
// Files that moved while the entries were introduced, so old deep paths still find their file.
const MOVED = {
  "@mlsec/core/labels/ip-text": "@mlsec/core/ip-lists/ip-text",
  "@mlsec/core/labels/parse-ip-list": "@mlsec/core/ip-lists/parse-ip-list",
  "@mlsec/core/labels/parse-ipsum": "@mlsec/core/ip-lists/parse-ipsum",
  "@mlsec/core/labels/research-scanners": "@mlsec/core/ip-lists/research-scanners",
};

const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.filter((a) => !a.startsWith("--")).map((a) => resolve(a));
const rel = (p) => relative(root, p).split(sep).join("/");

/** specifier -> absolute entry file, from each package.json; wildcard entries (./test/*) are skipped. */
function readEntries() {
  const entries = new Map();
  for (const [name, dir] of Object.entries(PACKAGES)) {
    const { exports } = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    for (const [key, target] of Object.entries(exports)) {
      if (key.includes("*")) continue;
      entries.set(key === "." ? name : `${name}/${key.slice(2)}`, join(root, dir, target));
    }
  }
  return entries;
}

/** The package a specifier names, or null when it is none of ours. */
function packageOf(spec) {
  return Object.keys(PACKAGES).find((p) => spec === p || spec.startsWith(`${p}/`)) ?? null;
}

/** The file a deep specifier names, or null. `@mlsec/core/test/...` is an entry of its own. */
function deepFile(spec, entries) {
  const pkg = packageOf(spec);
  if (!pkg || entries.has(spec) || spec.startsWith(`${pkg}/test/`)) return null;
  const path = (MOVED[spec] ?? spec).slice(pkg.length + 1);
  const base = join(root, PACKAGES[pkg], "src", path);
  for (const f of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) if (existsSync(f)) return f;
  return undefined;
}

function sourceFiles() {
  if (only.length > 0) return only;
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.includes("/generated/") && !f.endsWith(".d.ts"))
    .map((f) => join(root, f))
    .filter((f) => existsSync(f));
}

const parse = (file) =>
  ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);

/** Module-specifier string literals of a file: import/export declarations, import(), vi.mock(). */
function specifiers(sf) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push({ decl: node, lit: node.moduleSpecifier });
      return;
    }
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText(sf);
      if (
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        /(^|\.)(mock|doMock|importActual)$/.test(callee)
      )
        found.push({ decl: null, lit: node.arguments[0] });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** For each declaration an entry exports: the entries exporting it, under which name. */
function entryIndex(entries, extraRoots) {
  const config = ts.readConfigFile(join(root, "tsconfig.base.json"), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram({
    rootNames: [...new Set([...entries.values(), ...extraRoots])],
    options: { ...options, noEmit: true, types: [] },
  });
  const checker = program.getTypeChecker();
  const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const exportsOf = (file) => {
    const sf = program.getSourceFile(file);
    const mod = sf && checker.getSymbolAtLocation(sf);
    return mod ? checker.getExportsOfModule(mod) : [];
  };
  const byDecl = new Map();
  const size = new Map();
  const byName = new Map();
  for (const [spec, file] of entries) {
    const names = exportsOf(file);
    size.set(spec, names.length);
    for (const s of names) byName.set(s.name, [...(byName.get(s.name) ?? []), spec]);
    for (const s of names) {
      const t = target(s);
      byDecl.set(t, [...(byDecl.get(t) ?? []), { spec, name: s.name, file }]);
    }
  }
  return {
    exports: (spec, name) => (byName.get(name) ?? []).includes(spec),
    /** The entries exporting a name, for a name that moved from one entry to another. */
    entriesExporting: (name) => byName.get(name) ?? [],
    /** The entry for `name` exported by `file`: the one whose directory holds the file, else the narrowest. */
    resolve(file, name, exclude) {
      const s = exportsOf(file).find((e) => e.name === name);
      if (!s) return null;
      const candidates = (byDecl.get(target(s)) ?? []).filter((c) => c.spec !== exclude);
      const holds = (c) =>
        file.startsWith(dirname(c.file) + sep) && !c.file.endsWith(`${sep}src${sep}index.ts`);
      return (
        [...candidates].sort(
          (a, b) => Number(holds(b)) - Number(holds(a)) || size.get(a.spec) - size.get(b.spec),
        )[0] ?? null
      );
    },
  };
}

/** Where to declare a missing name: the area index for core, an entry or the index for pipeline. */
function suggestion(spec) {
  const pkg = packageOf(spec);
  if (pkg === "@mlsec/core") {
    const area = (MOVED[spec] ?? spec).slice(pkg.length + 1).split("/")[0];
    return `packages/core/src/${area}/index.ts (and "./${area}" in packages/core/package.json if new)`;
  }
  return "one of packages/pipeline/src/entries/*.ts (never the index for apps/web), listed in packages/pipeline/package.json";
}

function elementText(el, entryName, statementTypeOnly) {
  const local = el.name.text;
  const typePrefix = el.isTypeOnly || statementTypeOnly ? "type " : "";
  return `${typePrefix}${entryName === local ? local : `${entryName} as ${local}`}`;
}

const isNamedImport = (decl) =>
  ts.isImportDeclaration(decl) &&
  decl.importClause !== undefined &&
  decl.importClause.name === undefined &&
  decl.importClause.namedBindings !== undefined &&
  ts.isNamedImports(decl.importClause.namedBindings);

/** New text for one file, or null if nothing changes; problems are pushed to `errors`. */
function rewrite(file, sf, entries, index, errors) {
  const text = sf.getFullText();
  const where = (node) => `${rel(file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const edits = []; // { start, end, text }
  // Named imports of our entries, to be merged: entry -> [{ decl, els }]; decl -> entries it feeds.
  const groups = new Map();
  const feeds = new Map();
  const contribute = (decl, spec, els) => {
    groups.set(spec, [...(groups.get(spec) ?? []), { decl, els }]);
    feeds.set(decl, new Set([...(feeds.get(decl) ?? []), spec]));
  };
  const elementsOf = (decl) =>
    decl.importClause.namedBindings.elements.map((el) =>
      elementText(el, (el.propertyName ?? el.name).text, decl.importClause.isTypeOnly),
    );

  // apps/web never imports the pipeline index (it reaches the ingest kernel): its names move to the
  // narrower entries, like a deep import's.
  const webIndex = rel(file).startsWith("apps/web/src/") ? "@mlsec/pipeline" : null;
  for (const { decl, lit } of specifiers(sf)) {
    const spec = lit.text;
    const deep = spec === webIndex ? entries.get(spec) : deepFile(spec, entries);
    if (deep === null) {
      if (decl && entries.has(spec) && isNamedImport(decl)) {
        // A name this entry no longer exports moves to the one entry that does (dayNumber went
        // from @mlsec/core/rank to @mlsec/core/day).
        const stay = [];
        for (const el of decl.importClause.namedBindings.elements) {
          const name = (el.propertyName ?? el.name).text;
          const text = elementText(el, name, decl.importClause.isTypeOnly);
          const owners = index.entriesExporting(name).filter((e) => packageOf(e) === packageOf(spec));
          if (index.exports(spec, name)) stay.push(text);
          else if (owners.length === 1) contribute(decl, owners[0], [text]);
          else {
            const others = owners.length > 1 ? ` but by ${owners.join(", ")}` : "";
            errors.push(`${where(el)}: ${name} is not exported by "${spec}"${others}`);
            stay.push(text);
          }
        }
        if (stay.length > 0) contribute(decl, spec, stay);
      }
      continue;
    }
    if (deep === undefined) {
      errors.push(`${where(lit)}: "${spec}" names no file of ${packageOf(spec)}`);
      continue;
    }
    // The specifier names an entry's own file (`@mlsec/core/rank/index`): only the text changes.
    const own = spec === webIndex ? null : [...entries].find(([, f]) => f === deep)?.[0];
    if (own) {
      if (decl && isNamedImport(decl)) contribute(decl, own, elementsOf(decl));
      else edits.push({ start: lit.getStart(sf), end: lit.end, text: JSON.stringify(own) });
      continue;
    }
    const isExport = decl && ts.isExportDeclaration(decl);
    const named = isExport
      ? decl.exportClause
      : decl && isNamedImport(decl)
        ? decl.importClause.namedBindings
        : null;
    if (!named || !(ts.isNamedImports(named) || ts.isNamedExports(named))) {
      errors.push(`${where(lit)}: "${spec}" is a file, not an entry, and this form cannot be split by name`);
      continue;
    }
    const typeOnly = isExport ? decl.isTypeOnly : decl.importClause.isTypeOnly;
    const byEntry = new Map();
    let failed = false;
    for (const el of named.elements) {
      const name = (el.propertyName ?? el.name).text;
      const hit = index.resolve(deep, name, webIndex);
      if (!hit) {
        errors.push(
          `${where(el)}: ${name} from "${spec}" is exported by no entry; export it from ${suggestion(spec)}`,
        );
        failed = true;
      } else byEntry.set(hit.spec, [...(byEntry.get(hit.spec) ?? []), elementText(el, hit.name, typeOnly)]);
    }
    if (failed) continue;
    if (isExport) {
      const out = [...byEntry].map(([s, els]) => `export { ${els.join(", ")} } from ${JSON.stringify(s)};`);
      edits.push({ start: decl.getStart(sf), end: decl.end, text: out.join("\n") });
    } else for (const [s, els] of byEntry) contribute(decl, s, els);
  }

  // An entry's import stays as it is when it is one statement, of that entry, feeding nothing else.
  const untouched = (spec, parts) =>
    parts.length === 1 && parts[0].decl.moduleSpecifier.text === spec && feeds.get(parts[0].decl).size === 1;
  const statements = new Map(); // decl -> merged statements placed there
  const rewritten = new Set();
  for (const [spec, parts] of groups) {
    if (untouched(spec, parts)) continue;
    const els = [...new Set(parts.flatMap((p) => p.els))];
    const allTypes = els.every((e) => e.startsWith("type "));
    const list = allTypes ? els.map((e) => e.slice("type ".length)) : els;
    const statement = `import ${allTypes ? "type " : ""}{ ${list.join(", ")} } from ${JSON.stringify(spec)};`;
    const first = parts.map((p) => p.decl).reduce((a, b) => (a.getStart(sf) <= b.getStart(sf) ? a : b));
    statements.set(first, [...(statements.get(first) ?? []), statement]);
    for (const p of parts) rewritten.add(p.decl);
  }
  for (const decl of rewritten) {
    const placed = statements.get(decl) ?? [];
    // A statement merged into an earlier one drops with its line end.
    const end = placed.length === 0 && text[decl.end] === "\n" ? decl.end + 1 : decl.end;
    edits.push({ start: decl.getStart(sf), end, text: placed.join("\n") });
  }
  if (edits.length === 0) return null;
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out === text ? null : out;
}

async function main() {
  const entries = readEntries();
  const files = sourceFiles();
  const parsed = files.map((f) => ({ file: f, sf: parse(f) }));
  const deepRoots = new Set();
  for (const { sf } of parsed)
    for (const { lit } of specifiers(sf)) {
      const f = deepFile(lit.text, entries);
      if (f) deepRoots.add(f);
    }
  const index = entryIndex(entries, deepRoots);
  const errors = [];
  const changed = [];
  for (const { file, sf } of parsed) {
    const out = rewrite(file, sf, entries, index, errors);
    if (out === null) continue;
    const options = (await prettier.resolveConfig(file)) ?? {};
    const formatted = await prettier.format(out, { ...options, filepath: file });
    if (formatted === readFileSync(file, "utf8")) continue;
    changed.push(rel(file));
    if (!check) writeFileSync(file, formatted);
  }
  for (const f of changed) process.stdout.write(`${check ? "would rewrite" : "rewrote"} ${f}\n`);
  for (const e of errors) process.stderr.write(`${e}\n`);
  process.stdout.write(
    `${changed.length} file(s) ${check ? "to rewrite" : "rewritten"}, ${errors.length} problem(s)\n`,
  );
  process.exitCode = errors.length > 0 || (check && changed.length > 0) ? 1 : 0;
}

await main();
