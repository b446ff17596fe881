import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../lib/env";

describe("environment validation", () => {
  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_MODE).toBe("external");
    expect(env.DATA_DIR).toBe(".data");
    expect(env.DEFAULT_LOCALE).toBe("zh-CN");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names every invalid variable in one clear message", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain("DATABASE_URL: must be a postgresql:// connection URL");
    expect(message).toContain("PORT:");
    expect(message).toContain("环境变量配置有误");
  });

  it("accepts a PostgreSQL URL and coerces numbers", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/tracker", PORT: "8080" });
    expect(env.DATABASE_URL).toBe("postgresql://u:p@db:5432/tracker");
    expect(env.PORT).toBe(8080);
  });
});
