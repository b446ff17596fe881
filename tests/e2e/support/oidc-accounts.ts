/**
 * The accounts of the loopback OpenID Connect provider (tests/e2e/support/oidc-provider.ts) that the
 * single sign-on spec signs in with. `sub` is what the provider asserts as the subject; the password is
 * checked by the provider's own login page.
 */
export interface ProviderAccount {
  login: string;
  password: string;
  sub: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

export const PROVIDER_ACCOUNTS = {
  /** Provisioned in the app as an administrator. */
  alice: {
    login: "alice",
    password: "Alice-idp-pass-1",
    sub: "idp-7f3a9c1e-alice",
    name: "Alice (IdP)",
    email: "alice.sso@example.gov.cn",
    emailVerified: true,
  },
  /** A second provider account asserting Alice's email under another subject: must not take her account. */
  mallory: {
    login: "mallory",
    password: "Mallory-idp-pass-1",
    sub: "idp-91c2d4b0-mallory",
    name: "Mallory (IdP)",
    email: "alice.sso@example.gov.cn",
    emailVerified: true,
  },
  /** Provisioned as a viewer with the email in lower case; the provider asserts it in mixed case. */
  bob: {
    login: "bob",
    password: "Bob-idp-pass-1",
    sub: "idp-0b0b5e11-bob",
    name: "Bob (IdP)",
    email: "Bob.Viewer@Example.gov.cn",
    emailVerified: true,
  },
  /** Provisioned, but the provider has not verified the email it asserts. */
  carol: {
    login: "carol",
    password: "Carol-idp-pass-1",
    sub: "idp-ca201000-carol",
    name: "Carol (IdP)",
    email: "carol.sso@example.gov.cn",
    emailVerified: false,
  },
  /** Known to the provider, unknown to the app. */
  dave: {
    login: "dave",
    password: "Dave-idp-pass-1",
    sub: "idp-da7e0000-dave",
    name: "Dave (IdP)",
    email: "dave.nobody@example.gov.cn",
    emailVerified: true,
  },
} as const satisfies Record<string, ProviderAccount>;

export const PROVIDER_CLIENT = {
  clientId: "dpt-e2e",
  clientSecret: "e2e-only-oidc-client-secret-0123456789abcdef",
} as const;
