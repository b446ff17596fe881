/**
 * Concurrent writers against the production server, then the same load with the server killed (-9) in
 * the middle: every acknowledged write is in the database, version conflicts answer 409, nothing answers
 * 5xx, and a crash leaves no half-written rows.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findHalfWrittenRows, findMissingAcks } from "./support/invariants";
import { issueToken, leadTasks, signInCookie, startStack, waitFor, type Stack } from "./support/stack";
import {
  approveReport,
  saveReport,
  sessionCredential,
  STATUSES,
  Tally,
  tokenCredential,
  type Ack,
  type Credential,
} from "./support/writers";

const TASKS = 10;
const WRITERS_PER_TASK = 5;
const ROUNDS = 6;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ poolSize: 10 });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("50 concurrent writers", () => {
  test("every acknowledged write is stored, contending writers get 409, nothing answers 5xx", async () => {
    const tasks = await leadTasks(stack, TASKS);
    // One credential per writer: API tokens, and one writer per task on its editor's session cookie, so
    // both ways of authenticating carry load.
    const cookies = new Map<string, string>();
    for (const editor of new Set(tasks.map((t) => t.editor))) cookies.set(editor, await signInCookie(stack, editor));
    const writers: { taskId: number; credential: Credential; name: string }[] = [];
    for (const task of tasks) {
      for (let w = 0; w < WRITERS_PER_TASK; w++) {
        writers.push({
          taskId: task.taskId,
          name: `t${task.taskId}w${w}`,
          credential:
            w === 0
              ? sessionCredential(stack, cookies.get(task.editor)!)
              : tokenCredential(await issueToken(stack, task.editor)),
        });
      }
    }
    expect(writers).toHaveLength(50);

    // In each round all 50 writers post at once, each with the version it last saw: the writers of one
    // task race for the same next version, so exactly one of them wins and the other four get 409.
    const tally = new Tally();
    const known = new Map(writers.map((w) => [w.name, 0]));
    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all(
        writers.map(async (writer, index) => {
          const { version } = await saveReport(
            stack,
            tally,
            writer.credential,
            writer.taskId,
            known.get(writer.name)!,
            {
              intent: "draft",
              status: STATUSES[(round + index) % STATUSES.length]!,
              progress: (round * 7 + index) % 101,
              progressText: `并发填报 ${writer.name} 第${round}轮`,
            },
          );
          known.set(writer.name, version);
        }),
      );
    }

    expect(tally.unexpected).toEqual([]);
    expect(tally.networkErrors).toBe(0);
    expect(tally.serverErrors()).toBe(0);
    expect(tally.of(201)).toBe(TASKS * ROUNDS);
    expect(tally.of(409)).toBe(TASKS * ROUNDS * (WRITERS_PER_TASK - 1));

    expect(await findMissingAcks(stack, tally.acks)).toEqual([]);
    // Nothing beyond the acknowledged writes: each task's thread holds exactly versions 1..ROUNDS.
    const threads = await stack.query<{ taskId: number; n: number; top: number }>(
      `SELECT "taskId", count(*)::int AS n, max(version) AS top FROM task_update
        WHERE "taskId" = ANY($1::int[]) GROUP BY "taskId" ORDER BY "taskId"`,
      [tasks.map((t) => t.taskId)],
    );
    expect(threads).toEqual(tasks.map((t) => ({ taskId: t.taskId, n: ROUNDS, top: ROUNDS })));
    // The refused text is not lost: each 409 left its submission in the audit log.
    const rejected = await stack.query<{ text: string }>(
      `SELECT after -> 'rejected' ->> 'progressText' AS text FROM audit_log WHERE action = 'task_update.conflict'`,
    );
    expect(rejected.map((r) => r.text).sort()).toEqual([...tally.conflicts].sort());
    expect(await findHalfWrittenRows(stack)).toEqual({});
  }, 90_000);
});

describe("kill -9 of the server under load", () => {
  test("after a restart every acknowledged write is there and nothing is half-written", async () => {
    // Tasks the first test did not touch: 5 for contending draft writers, 5 for submit → approve cycles
    // (each approval moves the task's status in the same transaction).
    const tasks = (await leadTasks(stack, TASKS + 10)).slice(TASKS);
    const reviewer = tokenCredential(await issueToken(stack, "reviewer"));
    const tally = new Tally();
    let running = true;

    const draftLoop = async (taskId: number, credential: Credential, name: string) => {
      let version = (
        await stack.query<{ v: number }>(`SELECT coalesce(max(version), 0) AS v FROM task_update WHERE "taskId" = $1`, [
          taskId,
        ])
      )[0]!.v;
      for (let i = 0; running; i++) {
        const result = await saveReport(stack, tally, credential, taskId, version, {
          intent: "draft",
          status: STATUSES[i % STATUSES.length]!,
          progress: i % 101,
          progressText: `崩溃测试 ${name} #${i}`,
        });
        version = result.version;
        if (!result.answered) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const reviewLoop = async (taskId: number, credential: Credential, name: string) => {
      let version = 0;
      for (let i = 0; running; i++) {
        const saved = await saveReport(stack, tally, credential, taskId, version, {
          intent: "submit",
          status: STATUSES[i % STATUSES.length]!,
          progress: (i * 13) % 100,
          progressText: `审核循环 ${name} #${i}`,
        });
        version = saved.version;
        if (!saved.answered) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        if (!saved.ack) continue;
        const approved = await approveReport(
          stack,
          tally,
          reviewer,
          saved.ack as Ack & {
            periodId: number;
            departmentId: number;
          },
        );
        if (approved) version = approved.version;
      }
    };

    const loops = [
      ...tasks
        .slice(0, 5)
        .flatMap((task) =>
          Array.from({ length: 6 }, async (_, w) =>
            draftLoop(task.taskId, tokenCredential(await issueToken(stack, task.editor)), `t${task.taskId}w${w}`),
          ),
        ),
      ...tasks
        .slice(5)
        .map(async (task) =>
          reviewLoop(task.taskId, tokenCredential(await issueToken(stack, task.editor)), `t${task.taskId}`),
        ),
    ];

    // Let the load build up, then kill the server while requests are in flight.
    await waitFor("60 acknowledged writes before the kill", () => Promise.resolve(tally.acks.length >= 60), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    await stack.killServer();
    // The load keeps coming at the dead port for a moment: those requests are refused, not acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(loops);

    await stack.startServer();
    expect(tally.unexpected).toEqual([]);
    expect(tally.serverErrors()).toBe(0);
    expect(tally.of(409)).toBeGreaterThan(0);
    expect(tally.networkErrors).toBeGreaterThan(0);
    expect(tally.acks.some((a) => a.reviewState === "APPROVED")).toBe(true);
    expect(await findMissingAcks(stack, tally.acks)).toEqual([]);
    expect(await findHalfWrittenRows(stack)).toEqual({});

    // The restarted server takes writes again where the threads stand.
    const [task] = tasks;
    const v = (
      await stack.query<{ v: number }>(`SELECT coalesce(max(version), 0) AS v FROM task_update WHERE "taskId" = $1`, [
        task!.taskId,
      ])
    )[0]!.v;
    const after = new Tally();
    const saved = await saveReport(
      stack,
      after,
      tokenCredential(await issueToken(stack, task!.editor)),
      task!.taskId,
      v,
      { intent: "draft", status: "ON_TRACK", progress: 50, progressText: "重启后的填报" },
    );
    expect(after.unexpected).toEqual([]);
    expect(saved.ack?.version).toBe(v + 1);
  }, 120_000);
});
