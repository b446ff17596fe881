import { requireRequestActor } from "@/lib/server/auth/session";
import { notFound } from "@/lib/server/errors";
import { attachmentDisposition, readEvidenceFile } from "@/lib/server/evidence";
import { errorResponse, idSchema } from "@/lib/server/http";

/** Downloads an evidence file: always as an attachment, never rendered inline by the browser. */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireRequestActor(request);
    const id = idSchema.safeParse((await ctx.params).id);
    if (!id.success) throw notFound("evidence");
    const file = await readEvidenceFile(id.data);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
