import { AppError } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";
import { msg } from "@/lib/i18n/message";

// Unknown API paths answer JSON (after authentication, like every other API route), not the HTML 404 page.
const unknownPath = defineRoute({}, () => {
  throw new AppError("NOT_FOUND", msg("errors.noSuchEndpoint"));
});

export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
