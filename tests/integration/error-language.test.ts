/**
 * Errors are worded once, in the reader's language (lib/server/errors.ts): a route handler answers in the
 * request's Accept-Language, a server action in the interface's language cookie. Real route handlers and
 * real wrapped actions against a real PostgreSQL; the actions' request context (next/headers, which only
 * exists inside Next) is the one thing provided here: an API token and the locale cookie.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { RoleName } from "../../lib/server/auth/actor";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import type * as BulletinActions from "../../lib/actions/bulletins";
import type * as TaskUpdateActions from "../../lib/actions/task-updates";

// What Next would hand the action: the request's headers and cookies.
const request = { headers: new Headers(), locale: undefined as string | undefined };
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(request.headers),
  cookies: () =>
    Promise.resolve({
      get: (name: string) => (name === "locale" && request.locale ? { value: request.locale } : undefined),
    }),
}));

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Reply {
  status: number;
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

const db = setUpIntegrationDatabase({ env: { DEFAULT_LOCALE: "zh-CN" } });
const tokens: Partial<Record<RoleName, string>> = {};
let taskRoute: Handler;
let updatesRoute: Handler;
let actions: {
  review: typeof TaskUpdateActions.reviewTaskUpdateAction;
  generate: typeof BulletinActions.generateBulletinAction;
};

beforeAll(async () => {
  const { createApiToken } = await db.load(() => import("../../lib/server/api-tokens"));
  for (const role of ["VIEWER", "REVIEWER"] as const) {
    const actor = await makeActor(db.prisma, { username: `lang-${role.toLowerCase()}`, role });
    tokens[role] = (await createApiToken(actor, { name: "language probe" })).secret;
  }
  taskRoute = (await db.load(() => import("../../app/api/v1/tasks/[id]/route"))).GET as unknown as Handler;
  updatesRoute = (await db.load(() => import("../../app/api/v1/tasks/[id]/updates/route"))).POST as unknown as Handler;
  actions = {
    review: (await db.load(() => import("../../lib/actions/task-updates"))).reviewTaskUpdateAction,
    generate: (await db.load(() => import("../../lib/actions/bulletins"))).generateBulletinAction,
  };
});

async function callRoute(
  handler: Handler,
  url: string,
  params: Record<string, string>,
  headers: Record<string, string>,
  init: RequestInit = {},
): Promise<Reply> {
  const response = await handler(
    new Request(`http://localhost${url}`, {
      ...init,
      headers: { authorization: `Bearer ${tokens.VIEWER}`, ...headers },
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, error: ((await response.json()) as { error: Reply["error"] }).error };
}

const HAN = /[\u4e00-\u9fff]/;

describe("route handlers answer in the request's Accept-Language", () => {
  const missingTask = (language?: string) =>
    callRoute(taskRoute, "/api/v1/tasks/999999", { id: "999999" }, language ? { "accept-language": language } : {});

  it("a 404 reads in English for en and in Chinese for zh-CN, with the same code and body shape", async () => {
    const en = await missingTask("en-GB,en;q=0.9");
    const zh = await missingTask("zh-CN,zh;q=0.9,en;q=0.8");
    expect(en).toEqual({ status: 404, error: { code: "NOT_FOUND", message: "The task was not found" } });
    expect(zh).toEqual({ status: 404, error: { code: "NOT_FOUND", message: "任务不存在" } });
  });

  it("the preferred language wins by q-value; none or an unknown one gets the default (zh-CN)", async () => {
    expect((await missingTask("fr, zh;q=0.5, en;q=0.8")).error.message).toBe("The task was not found");
    expect((await missingTask()).error.message).toBe("任务不存在");
    expect((await missingTask("de-DE")).error.message).toBe("任务不存在");
  });

  it("a refused request body is worded in one language only", async () => {
    const refuse = (language: string) =>
      callRoute(
        updatesRoute,
        "/api/v1/tasks/1/updates",
        { id: "1" },
        { "accept-language": language, "content-type": "text/plain" },
        {
          method: "POST",
          body: "{}",
        },
      );
    const en = await refuse("en");
    const zh = await refuse("zh-CN");
    expect(en.status).toBe(415);
    expect(en.error.message).toBe("The body must be application/json");
    expect(zh.error.message).toBe("请求须为 JSON");
    expect(en.error.message).not.toMatch(HAN);
  });
});

describe("server actions answer in the interface's language (the locale cookie)", () => {
  const as = (role: RoleName, locale: string | undefined) => {
    request.headers = new Headers({ authorization: `Bearer ${tokens[role]}` });
    request.locale = locale;
  };

  it("a refused action (403) reads in the cookie's language", async () => {
    const refusal = async (locale: string) => {
      as("VIEWER", locale);
      const result = await actions.generate({ period: "2023-P3" });
      expect(result.ok).toBe(false);
      return result.ok ? null : result.error;
    };
    expect(await refusal("en")).toEqual({ code: "FORBIDDEN", message: "Refused: this action is not allowed" });
    expect(await refusal("zh-CN")).toEqual({ code: "FORBIDDEN", message: "无权执行此操作" });
  });

  it("a schema's message (a key) is translated with the field errors, in each language", async () => {
    const input = { taskId: 1, periodId: 1, departmentId: 1, expectedVersion: 1, decision: "return", comment: " " };
    as("REVIEWER", "en");
    const en = await actions.review(input);
    as("REVIEWER", "zh-CN");
    const zh = await actions.review(input);
    expect(en).toEqual({
      ok: false,
      error: {
        code: "VALIDATION",
        message: "The input is invalid",
        fieldErrors: { comment: ["A return needs a comment"] },
      },
    });
    expect(zh).toEqual({
      ok: false,
      error: { code: "VALIDATION", message: "提交的内容不符合要求", fieldErrors: { comment: ["退回时须说明原因"] } },
    });
  });

  it("without a cookie the action answers in the default language", async () => {
    as("VIEWER", undefined);
    const result = await actions.generate({ period: "2023-P3" });
    expect(result.ok ? null : result.error.message).toBe("无权执行此操作");
  });
});
