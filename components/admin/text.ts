import type { Messages } from "@/messages/zh-CN";

export type AdminText = Messages["admin"];
export type RoleText = Messages["auth"]["roles"];

/** Fills {name} placeholders, as lib/i18n/catalogue.ts does for the server's translator. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/**
 * Server errors are bilingual ("中文 · English", see lib/server/errors.ts): show the half in the
 * interface language, or the whole message when it has no English half.
 */
export function pickLocalised(message: string, locale: string): string {
  const [zh, en] = message.split(" · ");
  if (!zh || !en) return message;
  return locale === "en" ? en : zh;
}
