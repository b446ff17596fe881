/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the route handlers validate
 * with (lib/api/schemas.ts). Pure: built once per process and served publicly — it describes the
 * contract, not data.
 */
import { z } from "zod";
import { apiEn } from "../../messages/areas/api";
import * as s from "./schemas";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "post" | "put";
type Tag = keyof typeof apiEn.tags;
type ErrorResponseName = keyof typeof ERROR_RESPONSES;

// Descriptions are English only: the document is read by developers and tools, not by the interface's users.
// Named schemas become components; every other schema is inlined where it is used.
const RESPONSE_SCHEMAS = {
  Error: s.errorResponse,
  ConflictError: s.conflictResponse,
  UnitRef: s.unitRef,
  UnitsByRole: s.unitsByRole,
  SourceRef: s.sourceRef,
  TaskListItem: s.taskListItem,
  TaskList: s.taskListResponse,
  TaskDetail: s.taskDetail,
  TaskUpdate: s.taskUpdate,
  TimelineEntry: s.timelineEntry,
  Timeline: s.timelineResponse,
  DepartmentListItem: s.departmentListItem,
  DepartmentList: s.departmentListResponse,
  DepartmentDetail: s.departmentDetail,
  DocumentSummary: s.documentSummary,
  DocumentList: s.documentListResponse,
  DocumentDetail: s.documentDetail,
  IndicatorListItem: s.indicatorListItem,
  IndicatorList: s.indicatorListResponse,
  IndicatorDetail: s.indicatorDetail,
  Period: s.period,
  PeriodList: s.periodListResponse,
  AssignmentSnapshot: s.assignmentSnapshot,
  TaskAssignments: s.taskAssignmentsResponse,
  AssignmentResult: s.assignmentResult,
  AssignmentPreview: s.assignmentPreview,
  AssignmentImportResult: s.assignmentImportResult,
} satisfies Record<string, z.ZodType>;
type SchemaName = keyof typeof RESPONSE_SCHEMAS | keyof typeof BODY_SCHEMAS;

// Request bodies are described as clients send them (io: "input": fields with defaults are optional).
const BODY_SCHEMAS = {
  TaskUpdateBody: s.taskUpdateBody,
  ReviewBody: s.reviewBody,
  AssignmentBody: s.assignmentBody,
  AssignmentImportForm: s.assignmentImportForm,
} satisfies Record<string, z.ZodType>;

const ERROR_RESPONSES = {
  Unauthenticated: { status: 401, text: "unauthenticated", schema: "Error" },
  Forbidden: { status: 403, text: "forbidden", schema: "Error" },
  NotFound: { status: 404, text: "notFound", schema: "Error" },
  Conflict: { status: 409, text: "conflict", schema: "ConflictError" },
  PayloadTooLarge: { status: 413, text: "payloadTooLarge", schema: "Error" },
  UnsupportedMediaType: { status: 415, text: "unsupportedMediaType", schema: "Error" },
  ValidationFailed: { status: 422, text: "validation", schema: "Error" },
  Unavailable: { status: 503, text: "unavailable", schema: "Error" },
} as const satisfies Record<string, { status: number; text: keyof typeof apiEn.responses; schema: SchemaName }>;

interface OperationSpec {
  method: Method;
  path: string;
  op: keyof typeof apiEn.ops;
  tag: Tag;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: keyof typeof BODY_SCHEMAS;
  /** The body is multipart/form-data (a file upload) rather than JSON. */
  multipart?: boolean;
  response: { status: 200 | 201; schema: SchemaName };
  /** A second success (an import's preview answers 200, its commit 201). */
  alsoResponse?: { status: 200 | 201; schema: SchemaName };
  errors: ErrorResponseName[];
  public?: boolean;
}

const READ_ERRORS: ErrorResponseName[] = ["Unauthenticated", "Unavailable"];
const WRITE_ERRORS: ErrorResponseName[] = [
  "Unauthenticated",
  "Forbidden",
  "NotFound",
  "Conflict",
  "PayloadTooLarge",
  "UnsupportedMediaType",
  "ValidationFailed",
  "Unavailable",
];
const BY_ID: ErrorResponseName[] = [...READ_ERRORS, "NotFound", "ValidationFailed"];

/** Every operation of /api/v1. The route modules under app/api/v1 implement exactly these. */
export const OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/tasks",
    op: "listTasks",
    tag: "tasks",
    query: s.taskListQuery,
    response: { status: 200, schema: "TaskList" },
    errors: [...READ_ERRORS, "ValidationFailed"],
  },
  {
    method: "get",
    path: "/tasks/{id}",
    op: "getTask",
    tag: "tasks",
    params: s.idParams,
    response: { status: 200, schema: "TaskDetail" },
    errors: BY_ID,
  },
  {
    method: "get",
    path: "/tasks/{id}/updates",
    op: "listTaskUpdates",
    tag: "tasks",
    params: s.idParams,
    response: { status: 200, schema: "Timeline" },
    errors: BY_ID,
  },
  {
    method: "post",
    path: "/tasks/{id}/updates",
    op: "createTaskUpdate",
    tag: "tasks",
    params: s.idParams,
    body: "TaskUpdateBody",
    response: { status: 201, schema: "TaskUpdate" },
    errors: WRITE_ERRORS,
  },
  {
    method: "post",
    path: "/tasks/{id}/reviews",
    op: "createReview",
    tag: "tasks",
    params: s.idParams,
    body: "ReviewBody",
    response: { status: 201, schema: "TaskUpdate" },
    errors: WRITE_ERRORS,
  },
  {
    method: "get",
    path: "/tasks/{id}/assignments",
    op: "getTaskAssignments",
    tag: "tasks",
    params: s.idParams,
    response: { status: 200, schema: "TaskAssignments" },
    errors: BY_ID,
  },
  {
    method: "put",
    path: "/tasks/{id}/assignments",
    op: "putTaskAssignments",
    tag: "tasks",
    params: s.idParams,
    body: "AssignmentBody",
    response: { status: 200, schema: "AssignmentResult" },
    errors: WRITE_ERRORS.filter((e) => e !== "Conflict"),
  },
  {
    method: "get",
    path: "/departments",
    op: "listDepartments",
    tag: "departments",
    response: { status: 200, schema: "DepartmentList" },
    errors: READ_ERRORS,
  },
  {
    method: "get",
    path: "/departments/{id}",
    op: "getDepartment",
    tag: "departments",
    params: s.idParams,
    response: { status: 200, schema: "DepartmentDetail" },
    errors: BY_ID,
  },
  {
    method: "get",
    path: "/documents",
    op: "listDocuments",
    tag: "documents",
    response: { status: 200, schema: "DocumentList" },
    errors: READ_ERRORS,
  },
  {
    method: "get",
    path: "/documents/{slug}",
    op: "getDocument",
    tag: "documents",
    params: s.slugParams,
    response: { status: 200, schema: "DocumentDetail" },
    errors: BY_ID,
  },
  {
    method: "get",
    path: "/indicators",
    op: "listIndicators",
    tag: "indicators",
    response: { status: 200, schema: "IndicatorList" },
    errors: READ_ERRORS,
  },
  {
    method: "get",
    path: "/indicators/{id}",
    op: "getIndicator",
    tag: "indicators",
    params: s.idParams,
    response: { status: 200, schema: "IndicatorDetail" },
    errors: BY_ID,
  },
  {
    method: "post",
    path: "/assignments/import",
    op: "importAssignments",
    tag: "tasks",
    body: "AssignmentImportForm",
    multipart: true,
    response: { status: 201, schema: "AssignmentImportResult" },
    alsoResponse: { status: 200, schema: "AssignmentPreview" },
    errors: WRITE_ERRORS,
  },
  {
    method: "get",
    path: "/periods",
    op: "listPeriods",
    tag: "periods",
    query: s.periodListQuery,
    response: { status: 200, schema: "PeriodList" },
    errors: [...READ_ERRORS, "ValidationFailed"],
  },
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A registry's schemas as OpenAPI components: cross-references point at #/components/schemas. */
function componentsOf(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(converted).map(([name, { $schema: _schema, $id: _id, ...rest }]) => [name, rest]),
  );
}

/** Path or query parameters from a zod object: one OpenAPI parameter per property. */
function parametersOf(schema: z.ZodObject, where: "path" | "query"): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function operationOf(spec: OperationSpec): JsonSchema {
  const errorResponses = Object.fromEntries(
    spec.errors.map((name) => [String(ERROR_RESPONSES[name].status), { $ref: `#/components/responses/${name}` }]),
  );
  return {
    operationId: spec.op,
    summary: apiEn.ops[spec.op],
    tags: [spec.tag],
    parameters: [
      ...(spec.params ? parametersOf(spec.params, "path") : []),
      ...(spec.query ? parametersOf(spec.query, "query") : []),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { [spec.multipart ? "multipart/form-data" : "application/json"]: { schema: ref(spec.body) } },
          },
        }
      : {}),
    responses: {
      ...(spec.alsoResponse
        ? {
            [String(spec.alsoResponse.status)]: {
              description: apiEn.responses[spec.alsoResponse.status === 201 ? "created" : "ok"],
              content: { "application/json": { schema: ref(spec.alsoResponse.schema) } },
            },
          }
        : {}),
      [String(spec.response.status)]: {
        description: apiEn.responses[spec.response.status === 201 ? "created" : "ok"],
        content: { "application/json": { schema: ref(spec.response.schema) } },
      },
      ...errorResponses,
    },
  };
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: JsonSchema;
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const spec of OPERATIONS) (paths[spec.path] ??= {})[spec.method] = operationOf(spec);
  paths["/openapi.json"] = {
    get: {
      operationId: "openapi",
      summary: apiEn.ops.openapi,
      tags: ["meta"],
      security: [],
      responses: {
        "200": {
          description: apiEn.responses.ok,
          content: { "application/json": { schema: { type: "object" } } },
        },
      },
    },
  };

  return {
    openapi: "3.1.0",
    info: {
      title: apiEn.title,
      version: "1.0.0",
      description: apiEn.description,
    },
    servers: [{ url: "/api/v1" }],
    tags: (Object.keys(apiEn.tags) as Tag[]).map((name) => ({
      name,
      description: apiEn.tags[name],
    })),
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    paths,
    components: {
      schemas: { ...componentsOf(RESPONSE_SCHEMAS, "output"), ...componentsOf(BODY_SCHEMAS, "input") },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, r]) => [
          name,
          {
            description: apiEn.responses[r.text],
            content: { "application/json": { schema: ref(r.schema) } },
          },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "dpt_…",
          description: apiEn.auth.bearer,
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: apiEn.auth.cookie,
        },
      },
    },
  };
}
