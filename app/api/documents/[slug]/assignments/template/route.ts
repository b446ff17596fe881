import { z } from "zod";
import { slugParams } from "@/lib/api/schemas";
import { shanghaiDate } from "@/lib/domain/periods";
import { getMessages } from "@/lib/i18n/catalogue";
import { requestLocale } from "@/lib/i18n/request-locale";
import { defineRoute } from "@/lib/server/http";
import { getAssignmentTemplateData } from "@/lib/server/assignment-import";
import { attachmentDisposition, CONTENT_TYPES } from "@/lib/reports/task-export";
import { buildAssignmentTemplateCsv, buildAssignmentTemplateXlsx } from "@/lib/reports/assignment-template";

export const dynamic = "force-dynamic";

/**
 * GET /api/documents/{slug}/assignments/template?format=xlsx|csv: the document's 任务分工表 with its
 * tasks' current units, for reviewers and administrators (others 403).
 */
export const GET = defineRoute(
  { params: slugParams, query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }) },
  async ({ actor, params, query, request }) => {
    const data = await getAssignmentTemplateData(actor, params.slug);
    const m = getMessages(requestLocale(request.headers.get("cookie"), actor.locale)).assignmentImport;
    const body =
      query.format === "xlsx"
        ? await buildAssignmentTemplateXlsx(data.tasks, data.units, m)
        : buildAssignmentTemplateCsv(data.tasks, m);
    const date = shanghaiDate(new Date());
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": CONTENT_TYPES[query.format],
        "Content-Disposition": attachmentDisposition(
          `${m.template.fileName}-${params.slug}-${date}.${query.format}`,
          `assignments-${params.slug}-${date}.${query.format}`,
        ),
        "Cache-Control": "no-store",
      },
    });
  },
);
