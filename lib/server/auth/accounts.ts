import "server-only";
import type { Prisma } from "../../generated/prisma/client";

/**
 * Which account a typed username means at sign-in: the account of exactly that name, else the one
 * whose username key is the same (`dpt_username_key`, lib/domain/usernames.ts), so `ADMIN`, `Admin`
 * and `ａｄｍｉｎ` sign in as `admin`. The row is locked FOR UPDATE, so parallel guesses at one account,
 * under whatever spelling, are counted one after another.
 */
export async function lockSignInAccount(
  tx: Prisma.TransactionClient,
  typed: string,
): Promise<{ id: number; username: string } | null> {
  const rows = await tx.$queryRaw<{ id: number; username: string }[]>`
    SELECT id, username FROM "app_user"
    WHERE username = ${typed} OR "dpt_username_key"(username) = "dpt_username_key"(${typed})
    ORDER BY (username = ${typed}) DESC, id
    LIMIT 1
    FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The name sign-in attempts are counted under: the account's own username, or for a name that is no
 * account its key, so every spelling of one name shares one lockout (an unknown name must lock exactly
 * like an account, or the lockout would tell which accounts exist).
 */
export async function signInThrottleName(
  tx: Prisma.TransactionClient,
  typed: string,
  account: { username: string } | null,
): Promise<string> {
  if (account) return account.username;
  const [row] = await tx.$queryRaw<{ key: string }[]>`SELECT "dpt_username_key"(${typed}) AS key`;
  return row?.key ?? typed;
}
