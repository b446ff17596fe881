import { z } from "zod";
import { messageRef } from "../i18n/message";

// Inputs of the bulletin's settings and per-bulletin layout (lib/server/settings.ts, lib/server/bulletins.ts).

const line = (max: number) => z.string().trim().min(1).max(max);

export const bulletinSettingsSchema = z.strictObject({
  issuer: line(60),
  docNumberPattern: line(60).refine((p) => p.includes("{issue}"), {
    message: messageRef("errors.bulletins.docNumberPattern"),
  }),
  copyTo: z.array(line(60)).max(60),
  printedBy: line(60),
  officialByDefault: z.boolean(),
});

export const bulletinLayoutSchema = z.strictObject({
  bulletinId: z.number().int().positive(),
  official: z.boolean(),
  /** The 文号 for this bulletin; empty: from the pattern. */
  docNumber: z.string().trim().max(60).optional(),
});
