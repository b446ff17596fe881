import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/options";
import { refuseUnreadableAuthBody, refuseUnroutableAuthRequest } from "@/lib/server/http";

const handler = async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  refuseUnroutableAuthRequest(req) ?? (await refuseUnreadableAuthBody(req)) ?? NextAuth(getAuthOptions())(req, ctx);

export { handler as GET, handler as POST };
