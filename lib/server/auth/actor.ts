/** The signed-in user as every mutation sees it: loaded fresh from the database on each request. */
export type RoleName = "ADMIN" | "REVIEWER" | "DEPARTMENT_EDITOR" | "VIEWER";

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  departmentId: number | null;
  departmentName: string | null;
  locale: string;
  via: "session" | "token";
}

export const isReviewer = (actor: Actor) => actor.role === "REVIEWER" || actor.role === "ADMIN";
export const isAdmin = (actor: Actor) => actor.role === "ADMIN";
