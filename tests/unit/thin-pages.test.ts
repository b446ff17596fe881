import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Pages stay thin (docs/STYLE.md, issue 13): a page parses its params, calls lib/server and renders one
 * view component from components/<area>/; markup and rules live there and in lib/domain. Enforced for
 * every app/**\/page.tsx:
 * - at most MAX_LINES lines;
 * - no intrinsic JSX element (<table>, <ul>, <section>, <div>, <p>, …): only components are rendered;
 * - no function besides the default-exported page component and Next's `generateMetadata` — no helper
 *   declared in the file, neither `function` nor a `const x = () =>` (callbacks passed inline are fine).
 * Layouts (app/**\/layout.tsx) follow the same line and function rules; the root layout must render
 * <html> and <body>, so intrinsic elements are allowed there.
 */
const MAX_LINES = 40;
const ALLOWED_FUNCTIONS = new Set(["generateMetadata"]);

const root = join(import.meta.dirname, "../..");

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(path, name);
    return entry.name === name ? [path] : [];
  });
}

interface Findings {
  lines: number;
  intrinsicElements: string[];
  helperFunctions: string[];
}

function inspect(path: string, text = readFileSync(path, "utf8")): Findings {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const intrinsicElements: string[] = [];
  const helperFunctions: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText(source);
      if (/^[a-z]/.test(tag)) intrinsicElements.push(tag);
    }
    if (ts.isFunctionDeclaration(node)) {
      const isDefault = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
      const name = node.name?.text ?? "(anonymous)";
      if (!isDefault && !ALLOWED_FUNCTIONS.has(name)) helperFunctions.push(name);
    }
    if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      helperFunctions.push(node.name.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { lines: text.trimEnd().split("\n").length, intrinsicElements, helperFunctions };
}

const app = join(root, "app");
const pages = filesNamed(app, "page.tsx");
const layouts = filesNamed(app, "layout.tsx");

describe("thin pages", () => {
  it("finds the pages and layouts", () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(layouts.length).toBeGreaterThanOrEqual(2);
  });

  it.each(pages.map((path) => [relative(root, path), path]))("%s is thin", (_name, path) => {
    const found = inspect(path);
    expect(found.lines).toBeLessThanOrEqual(MAX_LINES);
    expect(found.intrinsicElements).toEqual([]);
    expect(found.helperFunctions).toEqual([]);
  });

  it.each(layouts.map((path) => [relative(root, path), path]))("%s is thin", (_name, path) => {
    const found = inspect(path);
    expect(found.lines).toBeLessThanOrEqual(MAX_LINES);
    expect(found.helperFunctions).toEqual([]);
  });

  it("catches a fat page (the rule itself works)", () => {
    // A page with its own table and helpers, as review/page.tsx was before issue 13.
    const fatPage = `
      function rowsOf(list: number[]) { return list.filter((n) => n > 0); }
      export default async function FatPage() {
        const label = (n: number) => String(n);
        return <table><tbody>{rowsOf([1]).map((n) => <tr key={n}><td>{label(n)}</td></tr>)}</tbody></table>;
      }`;
    const found = inspect("fat-page.tsx", fatPage);
    expect(found.intrinsicElements).toEqual(expect.arrayContaining(["table", "tr", "td"]));
    expect(found.helperFunctions).toEqual(["rowsOf", "label"]);
  });
});
