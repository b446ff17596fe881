import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth/options";

const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(getAuthOptions())(req, ctx);

export { handler as GET, handler as POST };
