import { describe, expect, it } from "vitest";
import path from "node:path";
import { EnvError, parseEnv, uploadDirectory } from "../../lib/env";

describe("environment validation", () => {
  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_MODE).toBe("external");
    expect(env.DATA_DIR).toBe(".data");
    expect(env.DEFAULT_LOCALE).toBe("zh-CN");
    expect(env.OVERVIEW_UNIT_LIST_LIMIT).toBe(300);
  });

  it("reads the overview's unit list limit as a whole number and refuses anything else", () => {
    expect(parseEnv({ OVERVIEW_UNIT_LIST_LIMIT: "20" }).OVERVIEW_UNIT_LIST_LIMIT).toBe(20);
    expect(() => parseEnv({ OVERVIEW_UNIT_LIST_LIMIT: "-1" })).toThrow(/OVERVIEW_UNIT_LIST_LIMIT/);
    expect(() => parseEnv({ OVERVIEW_UNIT_LIST_LIMIT: "many" })).toThrow(/OVERVIEW_UNIT_LIST_LIMIT/);
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

  it("keeps uploads outside the folders the web server serves", () => {
    const cwd = path.resolve("/srv/tracker");
    expect(uploadDirectory({ DATA_DIR: ".data" }, cwd)).toBe(path.join(cwd, ".data", "uploads"));
    expect(uploadDirectory({ DATA_DIR: ".data", UPLOAD_DIR: "/var/lib/tracker/uploads" }, cwd)).toBe(
      path.resolve("/var/lib/tracker/uploads"),
    );
    // A sibling whose name merely starts like a served folder is fine.
    expect(uploadDirectory({ DATA_DIR: "public-data" }, cwd)).toBe(path.join(cwd, "public-data", "uploads"));
    for (const unsafe of [
      { DATA_DIR: ".data", UPLOAD_DIR: "public/uploads" },
      { DATA_DIR: ".data", UPLOAD_DIR: path.join(cwd, "public") },
      { DATA_DIR: "public" },
      { DATA_DIR: ".data", UPLOAD_DIR: ".next/static/uploads" },
    ]) {
      expect(() => uploadDirectory(unsafe, cwd), JSON.stringify(unsafe)).toThrow(/outside the web root/);
    }
    expect(() => parseEnv({ UPLOAD_DIR: "public/files" })).toThrow(EnvError);
  });
});
