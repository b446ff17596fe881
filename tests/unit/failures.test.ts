import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/server/errors";
import { isConcurrencyFailure, isDatabaseUnavailable, toAppError } from "@/lib/server/failures";

/** The shapes Prisma 7 + @prisma/adapter-pg + node-postgres produced while PostgreSQL was down or restarting. */
const driverError = (cause: Record<string, unknown>) =>
  Object.assign(new Error(String(cause.originalMessage ?? cause.kind)), { name: "DriverAdapterError", cause });
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error("Invalid `prisma.task.findMany()` invocation"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { modelName: "Task", driverAdapterError: driverError(cause) },
  });

describe("isDatabaseUnavailable", () => {
  test.each([
    ["P1001 can't reach", prismaError("P1001", { kind: "DatabaseNotReachable" })],
    [
      "57P01 admin_shutdown inside a P2039",
      prismaError("P2039", {
        kind: "postgres",
        originalCode: "57P01",
        originalMessage: "terminating connection due to administrator command",
      }),
    ],
    [
      "57P03 starting up",
      prismaError("P2039", {
        kind: "postgres",
        originalCode: "57P03",
        originalMessage: "the database system is starting up",
      }),
    ],
    ["a connection exception (class 08)", prismaError("P2039", { kind: "postgres", originalCode: "08006" })],
    ["ConnectionClosed (ECONNRESET)", prismaError("P1017", { kind: "ConnectionClosed" })],
    ["node-postgres: connection terminated", new Error("Connection terminated unexpectedly")],
    ["node-postgres: a broken client", new Error("Client has encountered a connection error and is not queryable")],
    ["node-postgres: pool connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "a socket error down the cause chain",
      new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }),
    ],
    ["pool wait timed out", Object.assign(new Error("pool"), { code: "P2024" })],
  ])("%s → 503", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toAppError(error).code).toBe("UNAVAILABLE");
  });

  test.each([
    ["a unique violation", Object.assign(new Error("unique"), { code: "P2002" })],
    ["a constraint error from PostgreSQL", prismaError("P2039", { kind: "postgres", originalCode: "23514" })],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["a thrown string", "boom"],
    ["null", null],
  ])("%s is not", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test("a self-referencing cause does not loop", () => {
    const error = new Error("loop") as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test("typed errors keep their code", () => {
    expect(toAppError(new AppError("CONFLICT", "x")).code).toBe("CONFLICT");
  });
});

describe("isConcurrencyFailure", () => {
  test.each([
    ["Prisma's write conflict or deadlock", Object.assign(new Error("P2034"), { code: "P2034" })],
    ["a deadlock from PostgreSQL", prismaError("P2039", { kind: "postgres", originalCode: "40P01" })],
    ["a serialization failure", prismaError("P2039", { kind: "postgres", originalCode: "40001" })],
  ])("%s is a 409 the client may retry", (_, error) => {
    expect(isConcurrencyFailure(error)).toBe(true);
    expect(toAppError(error).code).toBe("CONFLICT");
  });

  test("other failures are not", () => {
    expect(isConcurrencyFailure(prismaError("P2039", { kind: "postgres", originalCode: "23514" }))).toBe(false);
    expect(isConcurrencyFailure(new Error("Connection terminated unexpectedly"))).toBe(false);
  });
});
