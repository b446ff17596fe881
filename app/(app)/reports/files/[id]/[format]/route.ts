import { z } from "zod";
import { BULLETIN_FILE_FORMATS } from "@/lib/reports/bulletin";
import { attachmentDisposition } from "@/lib/reports/task-export";
import { getBulletinFile } from "@/lib/server/bulletins";
import { defineRoute, idSchema } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * GET /reports/files/{bulletinId}/{docx|pdf|xlsx|csv}: a bulletin's file as an attachment. Published
 * versions serve the bytes stored at publication to any signed-in user; drafts are rendered on demand
 * for reviewers and admins (others get 404).
 */
export const GET = defineRoute(
  {
    params: z.object({ id: idSchema, format: z.enum(BULLETIN_FILE_FORMATS as ["docx", "pdf", "xlsx", "csv", "pptx"]) }),
  },
  async ({ actor, params }) => {
    const file = await getBulletinFile(actor, params.id, params.format);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(file.fileName, file.asciiName),
        "Content-Length": String(file.content.byteLength),
        // Published files never change, but they are not public: private caching only.
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
