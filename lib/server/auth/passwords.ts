import bcrypt from "bcryptjs";

// bcrypt in pure JS (no native build): cost 11 ≈ 0.15 s here, slow enough against guessing together with
// the login throttle, fast enough for sign-in on a 2-core server.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A constant hash to compare against when the user does not exist, so timing does not reveal usernames.
export const DUMMY_HASH = "$2b$11$YDLT/KBCUMjvrKF3aq5F.OcWdZ3BOH5ku2m8oyj4DVRsteLbDnr6i";
