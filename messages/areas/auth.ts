import type { Widen } from "../widen";

export const authZh = {
  signInTitle: "登录",
  signInIntro: "请使用分配给您的账号登录。",
  username: "用户名",
  password: "密码",
  submit: "登录",
  submitting: "正在登录…",
  sso: "使用{name}登录",
  or: "或",
  signOut: "退出登录",
  signedInAs: "当前用户",
  errors: {
    invalid: "用户名或密码不正确。",
    locked: "登录失败次数过多，账号已暂时锁定，请 15 分钟后再试。",
    busy: "登录尝试过多，请稍候片刻再试。",
    inactive: "该账号已停用，请联系管理员。",
    "sso-unknown-user": "统一身份认证通过，但本平台尚未为您开通账号，请联系管理员。",
    "sso-unverified-email":
      "统一身份认证未提供经过验证的邮箱，无法确认您在本平台的账号。请在身份认证平台验证邮箱，或联系管理员。",
    "sso-subject-mismatch":
      "该邮箱对应的本平台账号已绑定另一个统一身份认证账号，不能用当前身份登录。如需更换，请联系管理员。",
    "sso-failed": "统一身份认证未完成（已取消或认证平台返回错误），请重试或使用用户名和密码登录。",
    generic: "登录失败，请稍后重试。",
  },
  demoTitle: "演示环境",
  demoIntro: "内置演示账号（密码均为 {password}）：",
  demoAccounts:
    "admin（管理员）、reviewer（审核人员）、viewer（只读）；各牵头单位的填报账号以单位名称为用户名，例如 省大数据局。",
  roles: {
    ADMIN: "管理员",
    REVIEWER: "审核人员",
    DEPARTMENT_EDITOR: "单位填报员",
    VIEWER: "只读用户",
  },
} as const;

export const authEn: Widen<typeof authZh> = {
  signInTitle: "Sign in",
  signInIntro: "Sign in with the account you were given.",
  username: "Username",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  sso: "Sign in with {name}",
  or: "or",
  signOut: "Sign out",
  signedInAs: "Signed in as",
  errors: {
    invalid: "Wrong username or password.",
    locked: "Too many failed attempts: the account is locked for 15 minutes.",
    busy: "Too many sign-in attempts right now. Please try again in a moment.",
    inactive: "This account is deactivated. Please contact an administrator.",
    "sso-unknown-user":
      "Single sign-on succeeded, but you have no account on this platform yet. Please contact an administrator.",
    "sso-unverified-email":
      "Single sign-on did not provide a verified email address, so your account on this platform cannot be identified. Verify your email with the identity provider, or contact an administrator.",
    "sso-subject-mismatch":
      "The account with this email is already linked to a different single sign-on identity and cannot be used with this one. Contact an administrator to change the link.",
    "sso-failed":
      "Single sign-on did not complete (cancelled, or the identity provider reported an error). Try again, or sign in with your username and password.",
    generic: "Sign-in failed. Please try again later.",
  },
  demoTitle: "Demo environment",
  demoIntro: "Built-in demo accounts (password {password} for all):",
  demoAccounts:
    "admin, reviewer, viewer; each lead department's editor has the department's name as username, e.g. 省大数据局.",
  roles: {
    ADMIN: "Administrator",
    REVIEWER: "Reviewer",
    DEPARTMENT_EDITOR: "Department editor",
    VIEWER: "Viewer",
  },
};
