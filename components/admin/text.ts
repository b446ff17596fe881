import type { Messages } from "@/messages/zh-CN";

export type AdminText = Messages["admin"];
export type RoleText = Messages["auth"]["roles"];

/** Fills {name} placeholders, as lib/i18n/catalogue.ts does for the server's translator. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
