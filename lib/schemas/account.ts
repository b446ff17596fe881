/** The /account page's API tokens: inputs and the row the page lists (lib/server/api-tokens.ts acts on them). */
import { z } from "zod";
import { messageRef } from "../i18n/message";

export const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, messageRef("errors.tokens.nameRequired")).max(60, messageRef("errors.tokens.nameMax")),
  /** Days until the token stops working; null = no expiry. */
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90),
});
export const revokeTokenInput = z.object({ id: z.number().int().positive() });

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: "ACTIVE" | "EXPIRED" | "REVOKED";
  owner: { id: number; username: string; displayName: string };
}
