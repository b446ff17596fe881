import { z } from "zod";
import { shanghaiDate } from "@/lib/domain/periods";
import { getMessages } from "@/lib/i18n/catalogue";
import { requestLocale } from "@/lib/i18n/request-locale";
import { AppError } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";
import { listRecordableIndicators } from "@/lib/server/observation-import";
import { attachmentDisposition, CONTENT_TYPES } from "@/lib/reports/task-export";
import { buildObservationTemplateCsv, buildObservationTemplateXlsx } from "@/lib/reports/observation-template";
import { msg } from "@/lib/i18n/message";

export const dynamic = "force-dynamic";

/**
 * GET /api/indicators/observations/template?format=xlsx|csv: the bulk-entry template, pre-filled with
 * the indicators the user may record. Only for those who may record at least one (others 403).
 */
export const GET = defineRoute(
  { query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }) },
  async ({ actor, query, request }) => {
    const indicators = await listRecordableIndicators(actor);
    if (indicators.length === 0) {
      throw new AppError("FORBIDDEN", msg("errors.noRecordableIndicators"));
    }
    const m = getMessages(requestLocale(request.headers.get("cookie"), actor.locale)).observationImport;
    const body =
      query.format === "xlsx"
        ? await buildObservationTemplateXlsx(indicators, m)
        : buildObservationTemplateCsv(indicators, m);
    const date = shanghaiDate(new Date());
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": CONTENT_TYPES[query.format],
        "Content-Disposition": attachmentDisposition(
          `${m.template.fileName}-${date}.${query.format}`,
          `observations-template-${date}.${query.format}`,
        ),
        "Cache-Control": "no-store",
      },
    });
  },
);
