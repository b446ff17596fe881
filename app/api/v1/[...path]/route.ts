import { AppError } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

// Unknown API paths answer JSON (after authentication, like every other API route), not the HTML 404 page.
const unknownPath = defineRoute({}, () => {
  throw new AppError("NOT_FOUND", "接口不存在 · no such API endpoint (see /api/v1/openapi.json)");
});

export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
