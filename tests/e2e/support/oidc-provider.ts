/**
 * A real OpenID Connect provider on loopback for the single sign-on spec: the certified `oidc-provider`
 * package with the accounts of ./oidc-accounts.ts, its own login and consent pages (password checked),
 * signing keys made at start, and the app registered as a confidential client (PKCE required).
 *
 *   tsx tests/e2e/support/oidc-provider.ts <redirect_uri>
 *
 * Listens on 127.0.0.1 only, on a free port, with the issuer under a path (/realms/dpt) as Keycloak-style
 * providers have it. Prints one JSON line `{"issuer": "..."}` on stdout once it answers, and stops on
 * SIGTERM/SIGINT or when its standard input closes (so it never outlives the test that started it).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account, type KoaContextWithOIDC } from "oidc-provider";
import { PROVIDER_ACCOUNTS, PROVIDER_CLIENT, type ProviderAccount } from "./oidc-accounts";

const REALM = "/realms/dpt";
const accounts: ProviderAccount[] = Object.values(PROVIDER_ACCOUNTS);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

async function main(): Promise<void> {
  const redirectUri = process.argv[2];
  if (!redirectUri) throw new Error("usage: tsx tests/e2e/support/oidc-provider.ts <redirect_uri>");

  // Listen first (port 0: a free port chosen by the system), then build the provider for that issuer.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => send(res, 503, "starting");
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}${REALM}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: PROVIDER_CLIENT.clientId,
        client_secret: PROVIDER_CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "e2e-rs256", alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
    },
    pkce: { methods: ["S256"], required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${REALM}/interaction/${interaction.uid}` },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({
          sub: account.sub,
          name: account.name,
          preferred_username: account.login,
          email: account.email,
          email_verified: account.emailVerified,
        }),
      };
    },
  });
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, page("Error", "<p>Interaction mismatch.</p>"));
    const prompt = details.prompt;
    if (req.method === "GET") {
      if (prompt.name === "login") {
        return send(
          res,
          200,
          page(
            "Sign in to the test identity provider",
            `<form method="post" action="${REALM}/interaction/${uid}/login">
              <label>Username <input name="login" autocomplete="username"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password"></label>
              <button type="submit">Sign in</button></form>`,
          ),
        );
      }
      return send(
        res,
        200,
        page(
          "Authorize access",
          `<p>The application asks for: ${escapeHtml(String(details.params.scope ?? ""))}</p>
          <form method="post" action="${REALM}/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
          <form method="post" action="${REALM}/interaction/${uid}/abort"><button type="submit">Deny</button></form>`,
        ),
      );
    }
    if (req.method !== "POST") return send(res, 405, page("Error", "<p>Method not allowed.</p>"));
    if (action === "/login" && prompt.name === "login") {
      const form = await readForm(req);
      const account = accounts.find((a) => a.login === form.get("login") && a.password === form.get("password"));
      if (!account) {
        return send(
          res,
          401,
          page(
            "Sign in to the test identity provider",
            `<p role="alert">Wrong username or password.</p>
            <form method="post" action="${REALM}/interaction/${uid}/login">
              <label>Username <input name="login"></label>
              <label>Password <input name="password" type="password"></label>
              <button type="submit">Sign in</button></form>`,
          ),
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === "/confirm" && prompt.name === "consent") {
      const accountId = details.session?.accountId;
      if (!accountId) return send(res, 400, page("Error", "<p>No session.</p>"));
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ??
          new provider.Grant({ accountId, clientId: PROVIDER_CLIENT.clientId }))
        : new provider.Grant({ accountId, clientId: PROVIDER_CLIENT.clientId });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (action === "/abort") {
      return provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "the user denied access" },
        { mergeWithLastSubmission: false },
      );
    }
    return send(res, 400, page("Error", "<p>Unexpected step.</p>"));
  }

  handler = (req, res) => {
    const url = req.url ?? "/";
    if (url !== REALM && !url.startsWith(`${REALM}/`) && !url.startsWith(`${REALM}?`)) {
      return send(res, 404, page("Not found", ""));
    }
    const step = /^\/realms\/dpt\/interaction\/([A-Za-z0-9_-]+)(\/login|\/confirm|\/abort)?$/.exec(url.split("?")[0]!);
    if (step) {
      interaction(req, res, step[1]!, step[2]).catch((error: unknown) => {
        process.stderr.write(`[oidc-provider] interaction failed: ${String(error)}\n`);
        if (!res.headersSent) send(res, 400, page("Error", "<p>The sign-in could not be completed.</p>"));
      });
      return;
    }
    // Mounted under the realm path the way Express mounts it: the provider derives its URLs from
    // originalUrl minus url.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(REALM.length) || "/";
    void oidc(req, res);
  };

  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[oidc-provider] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
