/**
 * The project's import boundaries (README → Architecture → Boundaries). A wrong-way import fails
 * `npm run lint`, which `npm run check` and `npm test` run; tests/unit/lint-boundaries.test.ts proves each
 * rule fires on a deliberately bad file.
 *
 * Paths are matched against resolved files (eslint-plugin-import's no-restricted-paths, registered by
 * eslint-config-next), so "@/app/…", "../../app/…" and re-exports are all caught. Packages and Node
 * built-ins are matched by name (core no-restricted-imports). tests/ are exempt from the import rules:
 * they exercise route handlers and inspect the database directly.
 */
import { builtinModules } from "node:module";

const root = import.meta.dirname.replace(/\/eslint$/, "");

const DATABASE =
  "The database is reached only from lib/server (queries and mutations) and lib/db (plumbing): call a lib/server function instead.";
const SCRIPT_DATABASE =
  "Scripts and the seed reach the database through lib/server functions, with a client from lib/db; not through the generated Prisma client.";
const APP_IS_A_LEAF =
  "Nothing imports app/ (routes only): move what you need to lib/ or components/ (server actions: lib/actions/<area>.ts).";
const PURE =
  "lib/domain and lib/ingest are pure (no database, no I/O, no framework): pass data in, or move the code to lib/server.";
const ENV = "Read the environment through lib/env.ts (validated once at start), not process.env.";

/** Everything a server-only or I/O module could be: forbidden in lib/domain and lib/ingest. */
const PURE_FORBIDDEN_PATHS = [
  "lib/server/**",
  "lib/db/**",
  "lib/generated/**",
  "lib/actions/**",
  "lib/env.{ts,tsx}",
  "app/**",
  "components/**",
];

// Regular expressions, not gitignore-style groups: a group "pg" would also match "./pg" or "x/pg".
const prismaPackages = { regex: "^@prisma/", message: DATABASE };

/** Flags "use server" directives (a whole file of server actions, or an inline action in a component). */
const noUseServer = {
  meta: {
    type: "problem",
    docs: { description: 'No "use server" outside lib/actions (and lib/i18n/actions.ts)' },
    schema: [],
    messages: { misplaced: '"use server" here: server actions live in lib/actions/<area>.ts.' },
  },
  create(context) {
    const check = (body) => {
      for (const statement of body) {
        if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") break;
        if (statement.directive === "use server") context.report({ node: statement, messageId: "misplaced" });
      }
    };
    return {
      Program: (node) => check(node.body),
      ":function > BlockStatement": (node) => check(node.body),
    };
  },
};

export const boundariesPlugin = { meta: { name: "boundaries" }, rules: { "no-use-server": noUseServer } };

const boundaries = [
  {
    name: "boundaries/paths",
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["tests/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: [
            {
              // Application code outside lib/server and lib/db: no Prisma client, no lib/db.
              target: ["!(lib|scripts|seed|tests|node_modules)/**", "lib/!(server|db|generated)/**", "lib/*", "*"],
              from: ["lib/generated/**", "lib/db/**", "node_modules/@prisma/**", "node_modules/.prisma/**"],
              message: DATABASE,
            },
            {
              // Command-line entry points may open a client through lib/db, nothing lower.
              target: ["scripts/**", "seed/**"],
              from: ["lib/generated/**", "node_modules/@prisma/**", "node_modules/.prisma/**"],
              message: SCRIPT_DATABASE,
            },
            {
              target: ["!(app|tests|node_modules)/**", "*"],
              from: ["app/**"],
              message: APP_IS_A_LEAF,
            },
            {
              target: ["lib/domain/**", "lib/ingest/**"],
              from: PURE_FORBIDDEN_PATHS,
              message: PURE,
            },
          ],
        },
      ],
    },
  },
  {
    name: "boundaries/prisma-packages",
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/server/**", "lib/db/**", "tests/**", "*.config.{ts,js,mjs}"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaPackages] }] },
  },
  {
    // Later than the block above: these options replace its options for these files, so they repeat them.
    name: "boundaries/pure",
    files: ["lib/domain/**", "lib/ingest/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...builtinModules.filter((name) => !name.startsWith("_")), "server-only", "pg"].map((name) => ({
            name,
            message: PURE,
          })),
          patterns: [prismaPackages, { regex: "^(node:|next($|/)|next-auth($|/)|@electric-sql/)", message: PURE }],
        },
      ],
    },
  },
  {
    name: "boundaries/use-server",
    files: ["app/**", "components/**"],
    plugins: { boundaries: boundariesPlugin },
    rules: { "boundaries/no-use-server": "error" },
  },
  {
    name: "boundaries/env",
    files: ["**/*.{ts,tsx,js,mjs}"],
    // Command-line tools and tests configure the processes they start; config files are read by tools.
    ignores: ["lib/env.ts", "scripts/**", "tests/**", "*.config.{ts,js,mjs}"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: ENV }],
    },
  },
];

export default boundaries;
