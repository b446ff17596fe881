/**
 * The demo environment (embedded database, or SEED_DEMO_USERS=true): every demo account shares this
 * password, printed on the sign-in page and in the README. Never used against a production database
 * unless explicitly asked.
 */
export const DEMO_PASSWORD = "Demo@2026";
export const DEMO_ACCOUNTS = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN" },
  { username: "reviewer", displayName: "省大数据局督导员", role: "REVIEWER" },
  { username: "viewer", displayName: "领导小组观察员", role: "VIEWER" },
] as const;
