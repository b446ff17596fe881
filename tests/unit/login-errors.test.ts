import { describe, expect, it } from "vitest";
import { LOGIN_ERRORS, loginErrorCode } from "../../lib/domain/login-errors";

describe("loginErrorCode", () => {
  it("shows no message without an error parameter", () => {
    expect(loginErrorCode(null)).toBeNull();
    expect(loginErrorCode("")).toBeNull();
  });

  it("keeps each of the page's own codes", () => {
    for (const code of LOGIN_ERRORS) expect(loginErrorCode(code)).toBe(code);
  });

  it("maps next-auth's sign-on failures and anything unknown", () => {
    expect(loginErrorCode("OAuthCallback")).toBe("sso-failed");
    expect(loginErrorCode("CredentialsSignin")).toBe("generic");
    // A name inherited by every object is not a code of ours.
    expect(loginErrorCode("constructor")).toBe("generic");
  });
});
