import { z } from "zod";
import { text } from "@/lib/domain/text-input";
import { defineRoute } from "@/lib/server/http";
import { searchLeadDepartments } from "@/lib/server/departments";

const query = z.object({
  q: text().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

/**
 * GET /api/departments/search?q=大数据 — lead units by name or alias, for the overview's department
 * filter when there are too many units for a list. Any signed-in user (the names are not secret inside).
 */
export const GET = defineRoute({ query }, async ({ query }) => ({
  items: await searchLeadDepartments(query.q, query.limit),
}));
