import type { Widen } from "../widen";

// Refusals of text that is not valid Unicode or holds a NUL character (lib/domain/text-input.ts), and of
// request methods no route answers. Translated into the request's language where they are answered.
export const inputTextZh = {
  unsafeField: "含有不允许的字符（空字符 U+0000 或不成对的代理项），请删除后重试",
  unsafeInput: "提交的内容含有不允许的字符（空字符 U+0000 或不成对的代理项）",
  unsafeAddress: "链接中含有不允许的字符（空字符 U+0000 或不成对的代理项）",
  methodNotAllowed: "此地址不支持该请求方法",
} as const;

export const inputTextEn: Widen<typeof inputTextZh> = {
  unsafeField: "contains a character that is not allowed (a NUL U+0000 or an unpaired surrogate); remove it and retry",
  unsafeInput: "the input contains a character that is not allowed (a NUL U+0000 or an unpaired surrogate)",
  unsafeAddress: "the address contains a character that is not allowed (a NUL U+0000 or an unpaired surrogate)",
  methodNotAllowed: "this address does not support the request method",
};
