import { describe, expect, it } from "vitest";
import { assertedIdentity, discoveryUrl, ssoErrorCode } from "../../lib/domain/sso";
import { parseEnv } from "../../lib/env";

describe("single sign-on: the provider's discovery document", () => {
  it("is found under the issuer, with or without a trailing slash, with or without a path", () => {
    const doc = "/.well-known/openid-configuration";
    expect(discoveryUrl("https://idp.example.gov.cn")).toBe(`https://idp.example.gov.cn${doc}`);
    expect(discoveryUrl("https://idp.example.gov.cn/")).toBe(`https://idp.example.gov.cn${doc}`);
    expect(discoveryUrl("https://idp.example.gov.cn/realms/dpt")).toBe(`https://idp.example.gov.cn/realms/dpt${doc}`);
    expect(discoveryUrl("https://idp.example.gov.cn/realms/dpt/")).toBe(`https://idp.example.gov.cn/realms/dpt${doc}`);
    expect(discoveryUrl("http://127.0.0.1:8080/realms/dpt//")).toBe(`http://127.0.0.1:8080/realms/dpt${doc}`);
  });

  it("is taken as is when the operator configured the discovery URL itself", () => {
    const url = "https://idp.example.gov.cn/realms/dpt/.well-known/openid-configuration";
    expect(discoveryUrl(url)).toBe(url);
  });
});

describe("single sign-on: the asserted identity", () => {
  it("counts an email as verified only on an explicit true", () => {
    const email = "a@example.gov.cn";
    expect(assertedIdentity("s", { email, email_verified: true }).emailVerified).toBe(true);
    // Some providers' userinfo endpoints send the string.
    expect(assertedIdentity("s", { email, email_verified: "true" }).emailVerified).toBe(true);
    for (const email_verified of [false, "false", undefined, null, 1, "yes", "TRUE "]) {
      expect(assertedIdentity("s", { email, email_verified }).emailVerified).toBe(false);
    }
  });

  it("has no email when none, an empty one, or a non-string was asserted, and then nothing is verified", () => {
    for (const email of [undefined, "", "   ", 42, ["a@example.gov.cn"]]) {
      const identity = assertedIdentity("s", { email, email_verified: true });
      expect(identity).toEqual({ subject: "s", email: null, emailVerified: false });
    }
  });
});

describe("single sign-on: messages on the sign-in page", () => {
  it("shows our refusals by their own codes and next-auth's OAuth failures as one message", () => {
    expect(ssoErrorCode("sso-unknown-user")).toBe("sso-unknown-user");
    expect(ssoErrorCode("sso-subject-mismatch")).toBe("sso-subject-mismatch");
    expect(ssoErrorCode("sso-unverified-email")).toBe("sso-unverified-email");
    expect(ssoErrorCode("OAuthCallback")).toBe("sso-failed");
    expect(ssoErrorCode("OAuthSignin")).toBe("sso-failed");
    expect(ssoErrorCode("Callback")).toBe("sso-failed");
    expect(ssoErrorCode("Configuration")).toBeNull();
    expect(ssoErrorCode("<script>")).toBeNull();
  });
});

describe("single sign-on: configuration", () => {
  const complete = { OIDC_CLIENT_ID: "dpt", OIDC_CLIENT_SECRET: "secret" };

  it("takes an https issuer, and plain http on loopback only", () => {
    expect(parseEnv({ ...complete, OIDC_ISSUER: "https://idp.example.gov.cn/realms/dpt" }).OIDC_ISSUER).toBe(
      "https://idp.example.gov.cn/realms/dpt",
    );
    for (const issuer of ["http://127.0.0.1:8080/realms/dpt", "http://localhost:8080", "http://[::1]:8080"]) {
      expect(parseEnv({ ...complete, OIDC_ISSUER: issuer }).OIDC_ISSUER).toBe(issuer);
    }
    for (const issuer of [
      "http://idp.example.gov.cn",
      "http://10.0.0.5/realms/dpt",
      "http://127.0.0.1.example.com",
      "ftp://idp",
    ]) {
      expect(() => parseEnv({ ...complete, OIDC_ISSUER: issuer })).toThrow(/OIDC_ISSUER/);
    }
  });

  it("expects RS256 id_tokens unless told otherwise, and never a symmetric or unsigned algorithm", () => {
    expect(parseEnv({}).OIDC_ID_TOKEN_ALG).toBe("RS256");
    expect(parseEnv({ OIDC_ID_TOKEN_ALG: "ES256" }).OIDC_ID_TOKEN_ALG).toBe("ES256");
    for (const alg of ["HS256", "none", "rs256"]) {
      expect(() => parseEnv({ OIDC_ID_TOKEN_ALG: alg })).toThrow(/OIDC_ID_TOKEN_ALG/);
    }
  });
});
