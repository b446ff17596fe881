import { z } from "zod";
import { shanghaiDate } from "@/lib/domain/periods";
import { parseTaskListState } from "@/lib/domain/task-filters";
import { getTranslator } from "@/lib/i18n/server";
import { defineRoute } from "@/lib/server/http";
import { listTasksForExport } from "@/lib/server/task-search";
import {
  attachmentDisposition,
  buildTasksCsv,
  buildTasksXlsx,
  CONTENT_TYPES,
  exportFileNames,
} from "@/lib/reports/task-export";

export const dynamic = "force-dynamic";

/**
 * GET /tasks/export?format=xlsx|csv&<the list's parameters>: the current view, every page, as a file.
 * Any signed-in role. The list's parameters are read leniently, exactly as the page reads them, so the
 * file holds what the page shows; only the format is strict.
 */
export const GET = defineRoute(
  { query: z.looseObject({ format: z.enum(["xlsx", "csv"]).default("xlsx") }) },
  async ({ query, request }) => {
    const url = new URL(request.url);
    const state = parseTaskListState(url.searchParams);
    const today = shanghaiDate(new Date());
    const [{ t }, { rows, total, truncated }] = await Promise.all([getTranslator(), listTasksForExport(state, today)]);
    const options = { t, origin: url.origin };
    const body = query.format === "xlsx" ? await buildTasksXlsx(rows, options) : buildTasksCsv(rows, options);
    const names = exportFileNames(query.format, today, t);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": CONTENT_TYPES[query.format],
        "Content-Disposition": attachmentDisposition(names.name, names.ascii),
        "Cache-Control": "no-store",
        "X-Total-Count": String(total),
        "X-Export-Truncated": truncated ? "true" : "false",
      },
    });
  },
);
