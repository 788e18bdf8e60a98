import { z } from "zod";
import { ZApiError, ZEventFeedback, ZFeedback } from "../api-schemas.ts";
import { HTTP_METHODS, type TApiRoute, type THttpMethod, type TNamedSchema } from "./route-table.ts";
import { API_ROUTES } from "./routes.ts";
import { SECURITY_SCHEMES, securityOf, type TSecurityRequirement } from "./security.ts";

type TSchema = z.core.JSONSchema.BaseSchema;
type TMediaTypes = Record<string, { schema?: TSchema }>;
type TResponse = { description: string; content?: TMediaTypes };
type TParameter = {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: TSchema;
};
export type TOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: TSecurityRequirement[];
  parameters?: TParameter[];
  requestBody?: { required: true; description?: string; content: TMediaTypes };
  responses: Record<string, TResponse>;
};
export type TOpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string }[];
  paths: Record<string, Partial<Record<THttpMethod, TOperation>>>;
  components: {
    schemas: Record<string, TSchema>;
    securitySchemes: typeof SECURITY_SCHEMES;
  };
};

// OpenAPI 3.1 schema objects are JSON Schema 2020-12. "throw": a schema the converter cannot
// express must fail the test, not appear as an empty schema.
const BASE = { target: "draft-2020-12", unrepresentable: "throw" } as const;
const ref = (name: string): TSchema => ({ $ref: `#/components/schemas/${name}` });
const errorContent = (): TMediaTypes => ({ "application/json": { schema: ref("Error") } });

/** The error statuses every route of a kind can answer, before its own. */
const STANDARD_ERRORS: Record<number, string> = {
  400: "invalid request (`issues`: which fields and why)",
  401: "missing, unknown or revoked credentials",
  403: "the role or key lacks the scope",
  404: "not found (another tenant's row answers the same)",
  413: "request body larger than 1 MiB",
  500: "internal error",
};

/**
 * The request bodies (read as input: defaults make fields optional) and JSON answers (as output)
 * under components.schemas; a registered schema inside another becomes a $ref to it.
 */
function componentSchemas(routes: readonly TApiRoute[]): Record<string, TSchema> {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  // Shared parts: one verdict on an address or an event (a feedback body is one or an array of
  // them) and the error shape.
  const named: [z.core.$ZodRegistry<{ id: string }>, TNamedSchema][] = [
    [inputs, { name: "Feedback", schema: ZFeedback }],
    [inputs, { name: "EventFeedback", schema: ZEventFeedback }],
    [outputs, { name: "Error", schema: ZApiError }],
  ];
  for (const r of routes) {
    if (r.body?.kind === "json") named.push([inputs, r.body]);
    if (r.response.json) named.push([outputs, r.response.json]);
  }
  const seen = new Map<string, z.ZodType>();
  for (const [registry, { name, schema }] of named) {
    const before = seen.get(name);
    if (before && before !== schema) throw new Error(`two schemas are named ${name} in the route table`);
    if (!before) registry.add(schema, { id: name });
    seen.set(name, schema);
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const all = {
    ...z.toJSONSchema(inputs, { ...BASE, io: "input", uri }).schemas,
    ...z.toJSONSchema(outputs, { ...BASE, io: "output", uri }).schemas,
  };
  // `$id` would be a fragment-only URI, which 2020-12 forbids; the dialect is the document's.
  return Object.fromEntries(
    Object.entries(all).map(([name, { $schema: _dialect, $id: _id, ...schema }]) => [name, schema]),
  );
}

/** One field of a query or path schema as a parameter; required when the field refuses undefined. */
function parameter(
  name: string,
  where: "path" | "query",
  field: z.ZodType,
  description?: string,
): TParameter {
  const { $schema: _dialect, description: own, ...schema } = z.toJSONSchema(field, { ...BASE, io: "input" });
  const text = description ?? own;
  return {
    name,
    in: where,
    // A path parameter is always required (OpenAPI says so); a query one unless it has a default or catch.
    required: where === "path" || !field.safeParse(undefined).success,
    ...(text ? { description: text } : {}),
    schema,
  };
}

function parameters(route: TApiRoute): TParameter[] {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
  const path = names.map((name) =>
    parameter(name, "path", route.params?.shape[name] ?? z.string(), route.paramDescriptions?.[name]),
  );
  const query = Object.entries(route.query?.shape ?? {}).map(([name, field]) =>
    parameter(name, "query", field),
  );
  return [...path, ...query];
}

function successResponse(route: TApiRoute): TResponse {
  const { status, description, json, mediaTypes } = route.response;
  if (status === 204) return { description };
  if (json) return { description, content: { "application/json": { schema: ref(json.name) } } };
  if (mediaTypes) return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, {}])) };
  return { description, content: { "application/json": {} } };
}

/** The statuses the route's auth and body imply, then its own (which also reword a standard one). */
function errorResponses(route: TApiRoute): Record<string, TResponse> {
  const implied: number[] = [];
  // A feed token is the feed itself: no scopes, so no 403.
  if (route.auth.kind === "scope") implied.push(401, 403, 500);
  if (route.auth.kind === "feed-token") implied.push(401, 500);
  // Nobody but an operator learns the route exists: no 401 or 403, a 404.
  if (route.auth.kind === "operator") implied.push(404, 500);
  if (route.body?.kind === "json") implied.push(400, 413);
  if (route.path.includes("{")) implied.push(404);
  const statuses = new Map<number, string>(implied.map((s) => [s, STANDARD_ERRORS[s] ?? "error"]));
  for (const [status, text] of Object.entries(route.errors ?? {}))
    if (text) statuses.set(Number(status), text);
  return Object.fromEntries(
    [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, description]) => [String(s), { description, content: errorContent() }]),
  );
}

function operationId(route: TApiRoute): string {
  const words = route.path
    .split("/")
    .filter(Boolean)
    .map((w) =>
      w
        .replace(/[{}]/g, "")
        .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
    );
  return route.method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

function operation(route: TApiRoute): TOperation {
  const params = parameters(route);
  const authText = route.auth.kind === "public" ? `No credentials needed: ${route.auth.why}.` : undefined;
  const description = [route.description, authText].filter(Boolean).join("\n\n");
  const body = route.body;
  return {
    operationId: operationId(route),
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: [route.path.split("/")[1] ?? ""],
    security: securityOf(route.auth),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body?.kind === "json"
      ? { requestBody: { required: true, content: { "application/json": { schema: ref(body.name) } } } }
      : {}),
    ...(body?.kind === "octet-stream"
      ? {
          requestBody: {
            required: true,
            description: body.description,
            content: { "application/octet-stream": {} },
          },
        }
      : {}),
    responses: { [String(route.response.status)]: successResponse(route), ...errorResponses(route) },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the route table and its zod schemas. */
export function buildOpenApiDocument(routes: readonly TApiRoute[] = API_ROUTES): TOpenApiDocument {
  const paths: TOpenApiDocument["paths"] = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method])
      throw new Error(`${route.method.toUpperCase()} ${route.path} is in the route table twice`);
    item[route.method] = operation(route);
  }
  // Sorted, so the document reads like the folder tree and diffs stay small.
  const sorted = Object.fromEntries(
    Object.keys(paths)
      .sort()
      .map((p) => {
        const item = paths[p] ?? {};
        return [p, Object.fromEntries(HTTP_METHODS.filter((m) => item[m]).map((m) => [m, item[m]]))];
      }),
  );
  const tags = [...new Set(routes.map((r) => r.path.split("/")[1] ?? ""))].sort().map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "mlsec API",
      version: "1",
      description:
        "Upload firewall logs, read the scored reports, give verdicts, manage lists, keys and members. " +
        'Every error answers `{"error": "...", ...details}`. Generated from the zod schemas the routes validate with.',
    },
    servers: [{ url: "/api/v1", description: "this deployment" }],
    tags,
    paths: sorted,
    components: { schemas: componentSchemas(routes), securitySchemes: SECURITY_SCHEMES },
  };
}
