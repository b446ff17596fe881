/**
 * Every action the audit log records has a label in both languages (/admin/audit shows labels, not
 * codes): the catalogue of lib/domain/audit-actions.ts is complete against the code that writes
 * entries, and every action, kind and object type in it has a zh-CN and an en label.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_KINDS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  auditActionKey,
  auditActionKind,
  SECURITY_AUDIT_ACTIONS,
} from "@/lib/domain/audit-actions";
import { en } from "@/messages/en";
import { zhCN } from "@/messages/zh-CN";

const CJK = /[\u3400-\u9fff]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

/** The action strings the code writes: `action: "x.y"`, `action: a ? "x.y" : "x.z"`, audit(tx, actor, "x.y", …). */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const files = [...sources("lib/server"), ...sources("seed"), ...sources("scripts")];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/action:\s*([^,\n]+)/g)) {
      for (const literal of match[1]!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(literal[1]!);
    }
    for (const match of text.matchAll(/audit\(tx, actor, ([^,]+),/g)) {
      for (const literal of match[1]!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(literal[1]!);
    }
  }
  // Named constants (security-events.ts's SECURITY_ACTIONS).
  const security = readFileSync("lib/server/security-events.ts", "utf8");
  const block = /SECURITY_ACTIONS = \{([^}]+)\}/.exec(security)?.[1] ?? "";
  for (const literal of block.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(literal[1]!);
  return found;
}

describe("audit action labels", () => {
  it("every action the code writes is in the catalogue", () => {
    const written = [...writtenActions()];
    expect(written.length).toBeGreaterThan(30);
    for (const action of written) expect(AUDIT_ACTIONS as readonly string[], action).toContain(action);
    for (const action of SECURITY_AUDIT_ACTIONS) expect(AUDIT_ACTIONS as readonly string[]).toContain(action);
  });

  it("every action has a zh-CN and an en label, each in its own language", () => {
    const zh = zhCN.admin.audit.actions as Record<string, string>;
    const english = en.admin.audit.actions as Record<string, string>;
    for (const action of AUDIT_ACTIONS) {
      const key = auditActionKey(action);
      expect(zh[key], `zh-CN label of ${action}`).toMatch(CJK);
      expect(english[key], `en label of ${action}`).toBeTruthy();
      expect(english[key], `en label of ${action}`).not.toMatch(CJK);
    }
    // No label for an action that is not in the catalogue.
    expect(Object.keys(zh).sort()).toEqual(AUDIT_ACTIONS.map(auditActionKey).sort());
  });

  it("every action's kind and every object type has a label in both languages", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_KINDS as readonly string[], action).toContain(auditActionKind(action));
    }
    for (const kind of AUDIT_ACTION_KINDS) {
      expect(zhCN.admin.audit.kinds[kind], kind).toMatch(CJK);
      expect(en.admin.audit.kinds[kind], kind).not.toMatch(CJK);
    }
    for (const type of AUDIT_ENTITY_TYPES) {
      expect(zhCN.admin.audit.entities[type], type).toMatch(CJK);
      expect(en.admin.audit.entities[type], type).not.toMatch(CJK);
    }
  });

  it("every object type the code writes has a label", () => {
    const written = new Set<string>();
    for (const file of [...sources("lib/server"), ...sources("seed")]) {
      for (const m of readFileSync(file, "utf8").matchAll(/entityType:\s*"([a-z_]+)"/g)) written.add(m[1]!);
    }
    written.delete("asc"); // an orderBy, not an entry
    for (const type of written) expect(AUDIT_ENTITY_TYPES as readonly string[], type).toContain(type);
  });
});
