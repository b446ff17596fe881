import "server-only";
import type { z } from "zod";
import type { Actor, RoleName } from "./auth/actor";
import { requireActor } from "./auth/session";
import { findUnsafeText } from "../domain/text-input";
import { forbidden } from "./errors";
import { toAppError, unsafeTextError, validationError, type ActionResult } from "./failures";
import { recordActionRefusal } from "./security-events";
import { getLocale } from "../i18n/server";

/**
 * The one wrapper every server action goes through: session (fails closed), zod input, typed result.
 * Every "use server" export is a public endpoint; nothing in `input` is trusted — in particular a
 * department id is never taken from it (handlers derive it from the task and the actor).
 */
/** Marks the functions built here, so a test can prove every exported server action is wrapped. */
export const WRAPPED_ACTION = Symbol.for("dpt.wrappedAction");

export type WrappedAction<T> = ((input: unknown) => Promise<ActionResult<T>>) & {
  [WRAPPED_ACTION]: { roles: RoleName[] | null };
};

export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor) => Promise<T>,
  options: { roles?: RoleName[] } = {},
): WrappedAction<T> {
  const action = async (input: unknown): Promise<ActionResult<T>> => {
    let refused: Actor | null = null; // who is answered, for the audit of a 403
    try {
      const actor = await requireActor();
      refused = actor;
      if (options.roles && !options.roles.includes(actor.role)) throw forbidden();
      // Every string in the input (FormData field names, values and file names too): valid Unicode
      // without NUL (lib/domain/text-input.ts), refused before the schema sees it.
      const unsafe = findUnsafeText(input);
      if (unsafe) return { ok: false, error: unsafeTextError(unsafe).toBody(await getLocale()) };
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody(await getLocale()) };
      return { ok: true, data: await handler(parsed.data, actor) };
    } catch (error) {
      await recordActionRefusal(refused, error);
      // Translated once, here, into the language of the user's interface (the locale cookie).
      return { ok: false, error: toAppError(error).toBody(await getLocale()) };
    }
  };
  return Object.assign(action, { [WRAPPED_ACTION]: { roles: options.roles ?? null } });
}
