/** The roles an account can have (the Role enum of prisma/schema.prisma), importable from client components. */
export const ROLES = ["ADMIN", "REVIEWER", "DEPARTMENT_EDITOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** Where each role lands after signing in: 我的待办 for those with daily work, the overview otherwise. */
export function landingPath(role: Role): string {
  return role === "DEPARTMENT_EDITOR" || role === "REVIEWER" ? "/my" : "/";
}

/**
 * The pages only some roles may open (each page checks with requirePageActor(roles)); the 403 page
 * names the role a page needs from this list. The least privileged role that may open it comes first.
 */
export const RESTRICTED_PAGES: readonly { prefix: string; roles: readonly Role[] }[] = [
  { prefix: "/admin", roles: ["ADMIN"] },
  { prefix: "/review", roles: ["REVIEWER", "ADMIN"] },
];

/** Whether `role` may open the page at `path` (pages not listed are open to every role). */
export function mayOpenPage(path: string, role: Role): boolean {
  const page = RESTRICTED_PAGES.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`));
  return !page || page.roles.includes(role);
}

/** The least privileged role that may open `path`, or null when the page is open to every role. */
export function roleNeededFor(path: string): "ADMIN" | "REVIEWER" | null {
  const page = RESTRICTED_PAGES.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`));
  const role = page?.roles[0];
  return role === "ADMIN" || role === "REVIEWER" ? role : null;
}

/** The request header proxy.ts sets to the page's path (overwriting any a client sent). */
export const PATH_HEADER = "x-dpt-path";

/** The page the sign-in form returns to when no page was asked for: it redirects by role (landingPath). */
export const START_PATH = "/start";
