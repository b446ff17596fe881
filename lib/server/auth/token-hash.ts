import "server-only";
import { createHash } from "node:crypto";

/**
 * How an API token is stored and looked up: its sha256, never the secret. Its own module (no Next.js
 * imports), so scripts that store tokens — the benchmark — use the very same function.
 */
export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");
