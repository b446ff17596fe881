/**
 * The suite runs on the Node pinned in package.json (optionalDependencies: node-<os>-<cpu>, the official
 * binary from the npm registry), not on whatever `node` the machine has: npm scripts put
 * node_modules/.bin first on PATH, so tsx's and vitest's `#!/usr/bin/env node` find the pinned binary.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const major = (version: string) => Number(/(\d+)\./.exec(version)?.[1]);

const platformPackage = `node-${process.platform}-${process.arch}`;
const pinned = manifest.optionalDependencies[platformPackage];
const pinnedBinary = path.join(root, "node_modules", platformPackage, "bin", "node");

describe("runtime", () => {
  it("pins one Node LTS for every platform package, and engines states that major", () => {
    const versions = Object.entries(manifest.optionalDependencies)
      .filter(([name]) => name.startsWith("node-"))
      .map(([, version]) => version);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions).size).toBe(1);
    // Even majors are the LTS lines.
    expect(major(versions[0]!) % 2).toBe(0);
    expect(major(manifest.engines.node.replace(/^\D+/, ""))).toBe(major(versions[0]!));
  });

  it("runs on the pinned Node major", () => {
    expect(major(process.versions.node)).toBe(major(manifest.engines.node.replace(/^\D+/, "")));
  });

  it.runIf(pinned !== undefined && existsSync(pinnedBinary))(
    "runs on the pinned binary from node_modules where this platform has one",
    () => {
      expect(process.versions.node).toBe(pinned);
      expect(realpathSync(process.execPath)).toBe(realpathSync(pinnedBinary));
    },
  );
});
