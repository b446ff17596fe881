/**
 * The OpenAPI document is generated from the API's zod schemas: every path has operations with
 * responses, every $ref resolves, the error responses and security schemes are there, and the document
 * matches the route modules that exist under app/api/v1.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPERATIONS } from "../../lib/api/openapi";

const doc = buildOpenApiDocument();

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, refs);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

function resolve(ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};

const operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path: p, method, op: op as unknown as Operation })),
);

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, servers and both security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
  });

  it("describes every endpoint, each with a unique operationId and a success response", () => {
    const expected = [
      "get /tasks",
      "get /tasks/{id}",
      "get /tasks/{id}/updates",
      "post /tasks/{id}/updates",
      "post /tasks/{id}/reviews",
      "get /tasks/{id}/assignments",
      "put /tasks/{id}/assignments",
      "get /departments",
      "get /departments/{id}",
      "get /documents",
      "get /documents/{slug}",
      "get /indicators",
      "get /indicators/{id}",
      "get /periods",
      "post /assignments/import",
      "get /openapi.json",
    ];
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected.sort());
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s === "200" || s === "201"),
        op.operationId,
      ).toBe(true);
    }
  });

  it("has a route module for every path", () => {
    for (const { path: p } of operations) {
      const dir = p.replace(/\{(\w+)\}/g, "[$1]");
      expect(existsSync(path.join("app/api/v1", dir, "route.ts")), p).toBe(true);
    }
  });

  it("declares path parameters for every {placeholder} and documents error responses", () => {
    for (const { path: p, method, op } of operations) {
      const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? []).filter((x) => x.in === "path");
      expect(
        pathParams.map((x) => x.name),
        p,
      ).toEqual(placeholders);
      expect(pathParams.every((x) => x.required)).toBe(true);
      if (p === "/openapi.json") {
        expect(op.security).toEqual([]);
        continue;
      }
      expect(op.responses, `${method} ${p}`).toHaveProperty("401");
      if (placeholders.length) {
        expect(op.responses).toHaveProperty("404");
        expect(op.responses).toHaveProperty("422");
      }
      if (method === "post" || method === "put") {
        expect(op.requestBody).toBeDefined();
        for (const status of ["403", "422"]) expect(op.responses).toHaveProperty(status);
        if (method === "post") expect(op.responses).toHaveProperty("409");
      }
    }
  });

  it("lists the task filters as query parameters with their limits", () => {
    const list = operations.find((o) => o.op.operationId === "listTasks")!.op;
    const names = (list.parameters ?? []).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["document", "department", "role", "status", "overdue", "q", "page", "pageSize", "sort"]),
    );
    const pageSize = list.parameters!.find((p) => p.name === "pageSize")!;
    expect(pageSize.schema).toMatchObject({ type: "integer", maximum: 100 });
  });

  it("resolves every $ref, and builds its schemas from the zod contracts", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
    const schemas = doc.components.schemas;
    for (const schema of Object.values(schemas)) {
      expect(schema).not.toHaveProperty("$schema");
      expect(schema).not.toHaveProperty("$id");
    }
    // The update body is strict and does not accept a task or department id.
    expect(schemas.TaskUpdateBody).toMatchObject({ type: "object", additionalProperties: false });
    const bodyProperties = Object.keys((schemas.TaskUpdateBody as { properties: object }).properties);
    expect(bodyProperties).not.toContain("taskId");
    expect(bodyProperties).not.toContain("departmentId");
    expect((schemas.TaskUpdateBody as { required: string[] }).required).not.toContain("problems");
    // The error shape and the conflict shape with the current state.
    expect(schemas.Error).toMatchObject({ properties: { error: { required: ["code", "message"] } } });
    expect(JSON.stringify(schemas.ConflictError)).toContain("#/components/schemas/TaskUpdate");
    for (const name of ["Unauthenticated", "Forbidden", "NotFound", "Conflict", "ValidationFailed"]) {
      expect(doc.components.responses).toHaveProperty(name);
    }
  });

  it("describes the 任务分工表 import as a multipart upload answering a preview (200) or a commit (201)", () => {
    const op = operations.find((o) => o.op.operationId === "importAssignments")!.op as Operation & {
      requestBody: { content: Record<string, { schema: { $ref: string } }> };
    };
    expect(Object.keys(op.requestBody.content)).toEqual(["multipart/form-data"]);
    const form = resolve(op.requestBody.content["multipart/form-data"]!.schema.$ref) as { properties: object };
    expect(Object.keys(form.properties)).toEqual(
      expect.arrayContaining(["document", "file", "intent", "sha256", "version", "note", "effectiveDate"]),
    );
    expect(op.responses).toHaveProperty("200");
    expect(op.responses).toHaveProperty("201");
    expect(op.responses).toHaveProperty("403");
  });

  it("keeps OPERATIONS and the document in step", () => {
    expect(OPERATIONS.length).toBe(operations.length - 1); // + the public openapi.json itself
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // plain JSON, nothing lost in serialisation
  });
});
