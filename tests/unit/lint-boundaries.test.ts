/**
 * The import boundaries (eslint/boundaries.mjs) are real: the project's own ESLint configuration reports
 * each deliberately bad file below, and passes the good ones. The files are linted in memory at the paths
 * they pretend to live at (nothing is written, so `npm run lint` never sees them); their imports name real
 * modules, because the path rules judge the file an import resolves to.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Type information is irrelevant to the boundaries and would make every in-memory file a project lookup.
interface RuleWithDocs {
  meta?: { docs?: { requiresTypeChecking?: boolean } };
}
const typescriptRules = (tseslint.plugin as { rules?: Record<string, RuleWithDocs> }).rules ?? {};
const typeAwareRulesOff: Linter.RulesRecord = Object.fromEntries(
  Object.entries(typescriptRules)
    .filter(([, rule]) => rule.meta?.docs?.requiresTypeChecking)
    .map(([name]) => [`@typescript-eslint/${name}`, "off"]),
);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: typeAwareRulesOff,
    },
  });
});

interface Finding {
  rule: string | null;
  line: number;
  message: string;
}

async function lint(file: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

/** The findings of the boundary rules only (a fixture's unused import is not what is tested). */
const BOUNDARY_RULES = new Set([
  "import/no-restricted-paths",
  "no-restricted-imports",
  "no-restricted-properties",
  "boundaries/no-use-server",
]);
const boundaryFindings = (findings: Finding[]) => findings.filter((f) => f.rule && BOUNDARY_RULES.has(f.rule));

const TIMEOUT = 120_000; // the first lint loads the configuration and the resolver; the machine may be busy

describe("lint boundaries", () => {
  it(
    "keeps the Prisma client and lib/db out of everything but lib/server and lib/db",
    async () => {
      const findings = boundaryFindings(
        await lint(
          "components/tasks/boundary-fixture.tsx",
          [
            'import type { Db } from "@/lib/db/client";',
            'import { PrismaClient } from "@/lib/generated/prisma/client";',
            'import { Prisma } from "@prisma/client";',
            "export type Fixture = [Db, PrismaClient, Prisma.TaskWhereInput];",
          ].join("\n"),
        ),
      );
      expect(findings.filter((f) => f.rule === "import/no-restricted-paths").map((f) => f.line)).toEqual([1, 2, 3]);
      expect(findings.filter((f) => f.rule === "no-restricted-imports").map((f) => f.line)).toEqual([3]);
      expect(findings[0]?.message).toContain("only from lib/server");
    },
    TIMEOUT,
  );

  it(
    "lets scripts and the seed open a client through lib/db, not the generated client",
    async () => {
      const findings = boundaryFindings(
        await lint(
          "scripts/boundary-fixture.ts",
          [
            'import { createPrismaClient } from "../lib/db/client";',
            'import { TaskKind } from "../lib/generated/prisma/enums";',
            "export const fixture = [createPrismaClient, TaskKind];",
          ].join("\n"),
        ),
      );
      expect(findings.map((f) => [f.rule, f.line])).toEqual([["import/no-restricted-paths", 2]]);
    },
    TIMEOUT,
  );

  it(
    "lets nothing outside app/ import app/",
    async () => {
      const findings = boundaryFindings(
        await lint(
          "lib/reports/boundary-fixture.ts",
          [
            'import RootLayout from "@/app/layout";',
            'export * from "../../app/layout";',
            "export { RootLayout };",
          ].join("\n"),
        ),
      );
      expect(findings.map((f) => [f.rule, f.line])).toEqual([
        ["import/no-restricted-paths", 1],
        ["import/no-restricted-paths", 2],
      ]);
      expect(findings[0]?.message).toContain("Nothing imports app/");
    },
    TIMEOUT,
  );

  it(
    "keeps lib/domain and lib/ingest free of server code, framework and I/O",
    async () => {
      const code = [
        'import { WRAPPED_ACTION } from "@/lib/server/action";',
        'import { getEnv } from "../env";',
        'import { cookies } from "next/headers";',
        'import "server-only";',
        'import { readFileSync } from "node:fs";',
        'import { join } from "path";',
        "export const fixture = [WRAPPED_ACTION, getEnv, cookies, readFileSync, join];",
      ].join("\n");
      for (const file of ["lib/domain/boundary-fixture.ts", "lib/ingest/boundary-fixture.ts"]) {
        const findings = boundaryFindings(await lint(file, code));
        const lines = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.line);
        expect(lines("import/no-restricted-paths"), file).toEqual([1, 2]);
        expect(lines("no-restricted-imports"), file).toEqual([3, 4, 5, 6]);
        expect(
          findings.every((f) => f.message.includes("are pure")),
          file,
        ).toBe(true);
      }
    },
    TIMEOUT,
  );

  it(
    'refuses "use server" under app/ and in components, whole files and inline actions',
    async () => {
      const file = await lint(
        "app/(app)/boundary-fixture/actions.ts",
        ['"use server";', "export async function save(): Promise<void> {}"].join("\n"),
      );
      expect(boundaryFindings(file).map((f) => [f.rule, f.line])).toEqual([["boundaries/no-use-server", 1]]);
      const inline = await lint(
        "components/tasks/boundary-fixture.tsx",
        [
          "export function Fixture() {",
          "  async function save(): Promise<void> {",
          '    "use server";',
          "  }",
          "  return <form action={save} />;",
          "}",
        ].join("\n"),
      );
      expect(boundaryFindings(inline).map((f) => [f.rule, f.line])).toEqual([["boundaries/no-use-server", 3]]);
    },
    TIMEOUT,
  );

  it(
    "reads process.env only in lib/env.ts",
    async () => {
      const code = [
        "export const port = process.env.PORT;",
        "const { env } = process;",
        'export const url = env["DATABASE_URL"];',
      ].join("\n");
      for (const file of ["lib/server/boundary-fixture.ts", "proxy-fixture.ts", "app/boundary-fixture.tsx"]) {
        const findings = boundaryFindings(await lint(file, code));
        expect(
          findings.map((f) => [f.rule, f.line]),
          file,
        ).toEqual([
          ["no-restricted-properties", 1],
          ["no-restricted-properties", 2],
        ]);
      }
    },
    TIMEOUT,
  );

  it(
    "passes code that respects the boundaries",
    async () => {
      const good: [string, string][] = [
        [
          "lib/domain/boundary-fixture.ts",
          'import { z } from "zod";\nimport { getMessages } from "../i18n/catalogue";\nexport const fixture = [z, getMessages];',
        ],
        [
          "lib/server/boundary-fixture.ts",
          'import type { Db } from "../db/client";\nimport type { Prisma } from "../generated/prisma/client";\nimport { getEnv } from "../env";\nexport type Fixture = [Db, Prisma.TaskWhereInput];\nexport const fixture = getEnv;',
        ],
        [
          "app/(app)/boundary-fixture/page.tsx",
          'import { WRAPPED_ACTION } from "@/lib/server/action";\nexport default function Page() {\n  return <p>{String(WRAPPED_ACTION)}</p>;\n}',
        ],
        ["scripts/boundary-fixture.ts", "export const port = process.env.PORT;"],
      ];
      for (const [file, code] of good) {
        expect(await lint(file, code), file).toEqual([]);
      }
    },
    TIMEOUT,
  );
});
