/**
 * Runs once when the server starts (Next.js instrumentation hook). In the Node.js runtime it installs the
 * request-method guard (lib/proxy/http-methods.ts): TRACE and other methods Next cannot route answer 405
 * with an Allow header instead of a 500 — they fail before proxy.ts or any route could refuse them.
 */
import { nextRuntime } from "./lib/env";

export async function register(): Promise<void> {
  if (nextRuntime() !== "nodejs") return;
  const { installMethodGuard } = await import("./lib/proxy/http-methods");
  installMethodGuard();
}
