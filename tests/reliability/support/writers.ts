/**
 * The load generator of the writer tests: department editors saving reports through
 * POST /api/v1/tasks/{id}/updates with plain fetch, and a reviewer approving them. Every answer is
 * recorded; only a 2xx is an acknowledged write.
 */
import type { Stack } from "./stack";

export const STATUSES = ["ON_TRACK", "AT_RISK", "LAGGING", "ONGOING"] as const;

export interface Credential {
  /** Headers that authenticate: a Bearer token, or a session cookie plus the same-origin header. */
  headers: Record<string, string>;
}

export interface Ack {
  id: number;
  taskId: number;
  version: number;
  reviewState: string;
  status: string;
  progress: number;
  progressText: string;
}

export class Tally {
  readonly acks: Ack[] = [];
  /** progressText of every write refused with 409 (the audit log must keep it). */
  readonly conflicts: string[] = [];
  readonly statuses = new Map<number, number>();
  /** Requests without an HTTP answer (the server was killed): outcome unknown, not acknowledged. */
  networkErrors = 0;
  readonly unexpected: string[] = [];

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
  of(status: number): number {
    return this.statuses.get(status) ?? 0;
  }
  serverErrors(): number {
    return [...this.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  }
}

export function tokenCredential(token: string): Credential {
  return { headers: { authorization: `Bearer ${token}` } };
}

export function sessionCredential(stack: Stack, cookie: string): Credential {
  return { headers: { cookie, origin: stack.baseUrl } };
}

type PostResult = { kind: "answer"; status: number; body: unknown } | { kind: "network" };

export async function postJson(stack: Stack, path: string, credential: Credential, body: unknown): Promise<PostResult> {
  try {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: "POST",
      headers: { ...credential.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the failure message.
    }
    return { kind: "answer", status: response.status, body: parsed };
  } catch {
    return { kind: "network" };
  }
}

/**
 * One save of a report. Returns the version the writer should start from next: the new one on 201, the
 * server's current one on 409, the same on anything else.
 */
export async function saveReport(
  stack: Stack,
  tally: Tally,
  credential: Credential,
  taskId: number,
  expectedVersion: number,
  content: { intent: "draft" | "submit"; status: string; progress: number; progressText: string },
): Promise<{ version: number; ack?: Ack; answered: boolean }> {
  const result = await postJson(stack, `/api/v1/tasks/${taskId}/updates`, credential, {
    ...content,
    expectedVersion,
  });
  if (result.kind === "network") {
    tally.networkErrors++;
    return { version: expectedVersion, answered: false };
  }
  tally.count(result.status);
  if (result.status === 201) {
    const ack = result.body as Ack;
    tally.acks.push(ack);
    return { version: ack.version, ack, answered: true };
  }
  if (result.status === 409) {
    tally.conflicts.push(content.progressText);
    const current = (result.body as { error?: { current?: { version?: number } | null } }).error?.current;
    return { version: current?.version ?? expectedVersion, answered: true };
  }
  tally.unexpected.push(`${result.status} ${JSON.stringify(result.body).slice(0, 300)}`);
  return { version: expectedVersion, answered: true };
}

export async function approveReport(
  stack: Stack,
  tally: Tally,
  credential: Credential,
  submitted: Ack & { periodId: number; departmentId: number },
): Promise<Ack | undefined> {
  const result = await postJson(stack, `/api/v1/tasks/${submitted.taskId}/reviews`, credential, {
    periodId: submitted.periodId,
    departmentId: submitted.departmentId,
    expectedVersion: submitted.version,
    decision: "approve",
  });
  if (result.kind === "network") {
    tally.networkErrors++;
    return undefined;
  }
  tally.count(result.status);
  if (result.status === 201) {
    const ack = result.body as Ack;
    tally.acks.push(ack);
    return ack;
  }
  tally.unexpected.push(`${result.status} ${JSON.stringify(result.body).slice(0, 300)}`);
  return undefined;
}
