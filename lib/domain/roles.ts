/** The roles an account can have (the Role enum of prisma/schema.prisma), importable from client components. */
export const ROLES = ["ADMIN", "REVIEWER", "DEPARTMENT_EDITOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];
