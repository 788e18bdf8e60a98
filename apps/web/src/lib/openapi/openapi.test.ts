import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, type TOperation } from "./document.ts";
import { HTTP_METHODS, type THttpMethod } from "./route-table.ts";

const API_DIR = fileURLToPath(new URL("../../app/api/v1/", import.meta.url));
const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
const doc = buildOpenApiDocument();

/** Every route.ts below the folder, recursively. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith("_") ? [] : routeFiles(full); // _private folders are not routes
    return e.name === "route.ts" ? [full] : [];
  });
}

/**
 * The OpenAPI path of a route folder: `[id]` is `{id}`, a catch-all `[...rest]` or `[[...rest]]`
 * is `{rest}` (its entry says it spans segments), and route groups `(name)` add no segment.
 */
function openApiPath(folder: string): string {
  const segments = folder
    .split(/[\\/]/)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route file exports, read from its text (importing it needs Next's aliases). */
function exportedMethods(source: string): THttpMethod[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g))
    names.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of (m[1] ?? "").split(","))
      names.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? "",
      );
  return HTTP_METHODS.filter((method) => names.has(method.toUpperCase()));
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe("the route-file helpers", () => {
  it("map folders to OpenAPI paths", () => {
    expect(openApiPath("uploads/[id]/report")).toBe("/uploads/{id}/report");
    expect(openApiPath("openapi.json")).toBe("/openapi.json");
    expect(openApiPath("taxii2/[...path]")).toBe("/taxii2/{path}");
    expect(openApiPath("(feeds)/feeds/[[...slug]]")).toBe("/feeds/{slug}");
  });

  it("read exported methods in each way a route file writes them", () => {
    const source = [
      "export const GET = withPrincipal(...);",
      "export async function POST(req: Request) {}",
      "export function DELETE() {}",
      "const handler = () => null; export { handler as PATCH };",
      "export const dynamic = 'force-dynamic'; export type TGet = {};",
    ].join("\n");
    expect(exportedMethods(source)).toEqual(["get", "post", "patch", "delete"]);
  });
});

describe("the OpenAPI document", () => {
  it("lists exactly the (method, path) pairs the route files export", () => {
    const files = new Map<string, string>();
    for (const file of routeFiles(API_DIR)) {
      const path = openApiPath(relative(API_DIR, join(file, "..")));
      for (const method of exportedMethods(readFileSync(file, "utf8")))
        files.set(key(method, path), relative(REPO, file));
    }
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => key(m, path))),
    );
    const undocumented = [...files].filter(([k]) => !documented.has(k)).map(([k, file]) => `${k}  (${file})`);
    const missingFiles = [...documented].filter((k) => !files.has(k));
    expect(
      undocumented,
      `route files export these methods, but apps/web/src/lib/openapi/routes.ts has no entry for them:\n  ${undocumented.join("\n  ")}\n`,
    ).toEqual([]);
    expect(
      missingFiles,
      `apps/web/src/lib/openapi/routes.ts documents these, but no route.ts under apps/web/src/app/api/v1 exports them:\n  ${missingFiles.join("\n  ")}\n`,
    ).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  const operations: [string, TOperation][] = Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((m) => {
      const op = item[m];
      return op ? [[key(m, path), op] as [string, TOperation]] : [];
    }),
  );
  const op = (method: THttpMethod, path: string): TOperation => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${key(method, path)} is not in the document`);
    return found;
  };
  const component = (ref: unknown) => {
    const name = typeof ref === "string" ? ref.replace("#/components/schemas/", "") : "";
    return doc.components.schemas[name];
  };

  it("takes uploads as a raw octet-stream body with the filename in the query", () => {
    const upload = op("post", "/uploads");
    expect(Object.keys(upload.requestBody?.content ?? {})).toEqual(["application/octet-stream"]);
    expect(upload.parameters).toContainEqual(
      expect.objectContaining({ name: "filename", in: "query", required: true }),
    );
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(["202", "400", "401", "403", "413"]),
    );
  });

  it("gives JSON bodies the zod schema's required properties, defaults optional", () => {
    const required = (method: THttpMethod, path: string) =>
      component(op(method, path).requestBody?.content["application/json"]?.schema?.$ref)?.required;
    expect(required("post", "/invitations")).toEqual(["email", "role"]);
    expect(required("post", "/keys")).toEqual(["name", "scopes"]);
    // `reason` has a default and `expiresAt` is optional: a client may leave both out.
    expect(required("post", "/lists")).toEqual(["kind", "value"]);
    expect(required("post", "/invitations/accept")).toEqual(["token"]);
    expect(required("post", "/filters")).toEqual(["name", "filter"]);
    const invitation = component("#/components/schemas/Invitation");
    expect(invitation?.properties?.role).toMatchObject({ enum: ["owner", "admin", "analyst", "viewer"] });
  });

  it("describes the feedback body as one verdict or an array of them", () => {
    const body = component(op("post", "/feedback").requestBody?.content["application/json"]?.schema?.$ref);
    expect(JSON.stringify(body)).toContain("#/components/schemas/Feedback");
    expect(component("#/components/schemas/Feedback")?.required).toEqual(["ip", "verdict"]);
    // A verdict on one sampled event: its upload and line.
    expect(JSON.stringify(body)).toContain("#/components/schemas/EventFeedback");
    expect(component("#/components/schemas/EventFeedback")?.required).toEqual([
      "uploadId",
      "line",
      "verdict",
    ]);
  });

  it("marks query parameters with a default or fallback as optional", () => {
    const ips = op("get", "/uploads/{id}/report/ips").parameters ?? [];
    expect(ips.filter((p) => p.in === "query" && p.required)).toEqual([]);
    expect(ips).toContainEqual(expect.objectContaining({ name: "id", in: "path", required: true }));
    const audit = op("get", "/audit").parameters ?? [];
    expect(audit.find((p) => p.name === "limit")).toMatchObject({
      required: false,
      schema: { maximum: 1000 },
    });
  });

  it("declares every path parameter, resolves every $ref and answers errors in the one error shape", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) expect(component(r.slice(8, -1)), r).toBeDefined();
    for (const [name, operation] of operations) {
      const [, path = ""] = name.split(" ");
      for (const m of path.matchAll(/\{([^}]+)\}/g))
        expect(
          operation.parameters?.some((p) => p.in === "path" && p.name === m[1]),
          name,
        ).toBe(true);
      for (const [status, response] of Object.entries(operation.responses))
        if (Number(status) >= 400)
          expect(response.content?.["application/json"]?.schema, `${name} ${status}`).toEqual({
            $ref: "#/components/schemas/Error",
          });
    }
    expect(component("#/components/schemas/Error")?.required).toContain("error");
  });

  it("asks for the right credentials", () => {
    expect(op("get", "/openapi.json").security).toEqual([]);
    // "manage" is never an API key scope: those routes take the portal session only.
    expect(op("post", "/keys").security).toEqual([{ session: ["manage"] }]);
    expect(op("get", "/blocklist").security).toEqual([{ apiKey: ["read"] }, { session: ["read"] }]);
    expect(op("post", "/invitations/accept").security).toEqual([{}, { session: [] }]);
    const stream = op("get", "/feeds/{id}/crowdsec/v1/decisions/stream");
    expect(stream.security).toEqual([
      { feedTokenHeader: [] },
      { feedTokenBearer: [] },
      { feedTokenBasic: [] },
      { feedTokenQuery: [] },
    ]);
    // A feed token has no scopes to lack.
    expect(Object.keys(stream.responses)).not.toContain("403");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining([
        "apiKey",
        "session",
        "feedTokenHeader",
        "feedTokenBearer",
        "feedTokenBasic",
        "feedTokenQuery",
      ]),
    );
  });
});
