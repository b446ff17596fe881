/**
 * Malformed request bodies from a seeded PRNG (seed/sample.ts's prng): the same seed gives the same
 * 1,000 payloads on every run. Every payload is broken by construction — a required field missing or of
 * the wrong type, undecodable bytes, a wrong content type, an oversized body — so none of them may
 * write anything, whichever route receives it.
 */
import { prng } from "../../../seed/sample";

export interface Payload {
  kind: string;
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
}

export type Random = () => number;

export const seeded = (seed: number): Random => prng(seed);
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const utf8 = (text: string) => new Uint8Array(new TextEncoder().encode(text));

// Longer than every text limit of the app (TEXT_LIMITS, names, comments) yet under the JSON body limit,
// so the schema refuses it rather than the size check.
const OVER_LIMIT = 5_000;
const OVERLONG_SHARE = 0.02;

const ODD_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202e\u202dRTL override",
  "\ufeffBOM",
  "\uffff\ufffe",
  "e\u0301\u0301\u0301\u0301\u0301",
  "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦 🏳️‍🌈",
  "省大數據局\u200b\u200c\u200d",
  "../../../../etc/passwd",
  "'; DROP TABLE task; --",
  "<script>alert(1)</script>",
  "%00%ff",
  "\r\n\r\n--boundary--",
  "$@1",
  "$Q0",
  "$K1",
];

const WRONG_VALUES: (() => unknown)[] = [
  () => "1",
  () => "not a number",
  () => -1,
  () => 1.5,
  () => 1e309,
  () => Number.MAX_SAFE_INTEGER * 4,
  () => true,
  () => null,
  () => [],
  () => [1, 2, 3],
  () => ({}),
  () => ({ $gt: 0 }),
  () => "２０",
  () => "",
];

function wrongValue(random: Random): unknown {
  return pick(random, WRONG_VALUES)();
}

/** A value the field's schema refuses: never a string where a string is expected (any text is valid). */
function wrongValueFor(random: Random, valid: unknown): unknown {
  for (;;) {
    const value = wrongValue(random);
    if (typeof valid !== "string" || typeof value !== "string") return value;
  }
}

// Text the text rule refuses (lib/domain/text-input.ts): a NUL or a lone surrogate, alone or inside
// ordinary text. A body that is valid in every other respect but holds one of these must be refused.
const UNSAFE_PIECES = ["\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\udfff\ud800"];

/**
 * `unsafeText` for a body sent as raw bytes (a multipart form): a lone surrogate has no UTF-8 encoding
 * (the encoder writes U+FFFD), so there only the NUL can travel.
 */
export function unsafeBytesText(random: Random): string {
  return unsafeText(random).replace(/[\ud800-\udfff]/g, "\u0000");
}

export function unsafeText(random: Random): string {
  const piece = pick(random, UNSAFE_PIECES);
  return pick(random, [
    () => piece,
    () => `进展${piece}`,
    () => `${piece}text`,
    () => `a${piece}b${pick(random, ["", "😀", "省大数据局"])}`,
  ])();
}

function oddString(random: Random): string {
  return Array.from({ length: int(random, 1, 4) }, () => pick(random, ODD_STRINGS)).join("");
}

function deepNesting(random: Random): string {
  const depth = int(random, 500, 20_000);
  return random() < 0.5 ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

function randomBytes(random: Random, length: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, () => int(random, 0, 255));
}

/**
 * A JSON body for a route whose valid form is `template`; `required` are the fields its schema cannot do
 * without. The result always breaks at least one of them (or the body itself).
 */
export function malformedJson(random: Random, template: Record<string, unknown>, required: string[]): Payload {
  const json = "application/json";
  const broken = (): Record<string, unknown> => {
    const body: Record<string, unknown> = { ...template };
    const field = pick(random, required);
    if (random() < 0.5) delete body[field];
    else body[field] = wrongValueFor(random, template[field]);
    return body;
  };
  const kinds: (() => Payload)[] = [
    () => {
      const text = JSON.stringify(template);
      return { kind: "truncated JSON", contentType: json, body: utf8(text.slice(0, int(random, 0, text.length - 1))) };
    },
    () => ({
      kind: "not JSON",
      contentType: json,
      body: utf8(pick(random, ["{", "}", "nul", "[1,]", "{'a':1}", "NaN", '"', '{"a":01}', "undefined"])),
    }),
    () => ({ kind: "wrong type", contentType: json, body: utf8(JSON.stringify(broken())) }),
    () => ({ kind: "not an object", contentType: json, body: utf8(JSON.stringify(wrongValue(random))) }),
    () => {
      const body = broken();
      const text = Object.keys(template).find((k) => typeof template[k] === "string") ?? "note";
      body[text] = "长".repeat(int(random, OVER_LIMIT, 60_000));
      return { kind: "huge string", contentType: json, body: utf8(JSON.stringify(body)) };
    },
    () => ({ kind: "deep nesting", contentType: json, body: utf8(deepNesting(random)) }),
    () => ({
      kind: "wrong content type",
      contentType: pick(random, [
        null,
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        "text/json",
      ]),
      body: utf8(JSON.stringify(template)),
    }),
    () => ({
      kind: "random bytes",
      contentType: pick(random, [json, "application/octet-stream", null, "multipart/form-data; boundary=x"]),
      body: randomBytes(random, int(random, 1, 4096)),
    }),
    () => {
      const body = broken();
      for (const key of Object.keys(body))
        if (typeof body[key] === "string" && random() < 0.7) body[key] = oddString(random);
      body[oddString(random)] = oddString(random);
      return { kind: "unicode oddities", contentType: json, body: utf8(JSON.stringify(body)) };
    },
    () => {
      // The valid template with one string field (or a new key) made unsafe: only the text is wrong.
      const body: Record<string, unknown> = { ...template };
      const strings = Object.keys(template).filter((k) => typeof template[k] === "string");
      if (strings.length > 0 && random() < 0.8) body[pick(random, strings)] = unsafeText(random);
      else body[unsafeText(random)] = pick(random, ["x", 1, true]);
      return { kind: "unsafe text", contentType: json, body: utf8(JSON.stringify(body)) };
    },
    () => {
      // The same as a raw \u0000 escape written by hand (not every client escapes like JSON.stringify).
      const strings = Object.keys(template).filter((k) => typeof template[k] === "string");
      const field = strings.length > 0 ? pick(random, strings) : "note";
      const text = JSON.stringify({ ...template, [field]: "__UNSAFE__" }).replace(
        '"__UNSAFE__"',
        pick(random, ['"a\\u0000b"', '"\\ud800"', '"\\udc00x"', '"\\u0000"']),
      );
      return { kind: "unsafe text escape", contentType: json, body: utf8(text) };
    },
    () => {
      // Bytes that are not UTF-8 inside a string (an overlong encoding, a lone continuation byte).
      const text = JSON.stringify({ ...broken(), note: "__BYTES__" });
      const [before, after] = text.split("__BYTES__") as [string, string];
      const bad = pick(random, [[0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80]]);
      return {
        kind: "invalid UTF-8",
        contentType: json,
        body: Uint8Array.from([...utf8(before), ...bad, ...utf8(after)]),
      };
    },
    () => {
      const text = JSON.stringify(broken()).slice(1, -1);
      const pollution = pick(random, [
        '"__proto__":{"role":"ADMIN","isAdmin":true}',
        '"constructor":{"prototype":{"polluted":"yes"}}',
        '"__proto__":{"__proto__":{"departmentId":1}}',
        '"prototype":{"toString":"x"}',
      ]);
      return { kind: "prototype pollution", contentType: json, body: utf8(`{${pollution}${text ? `,${text}` : ""}}`) };
    },
  ];
  // Past the 256 KB JSON limit, refused while it arrives: rarer than the rest, each is a large transfer.
  if (random() < OVERLONG_SHARE) {
    const pad = "x".repeat(int(random, 270_000, 600_000));
    return { kind: "overlong body", contentType: json, body: utf8(JSON.stringify({ ...template, pad })) };
  }
  return pick(random, kinds)();
}

/** A multipart body for an upload route: never a file part, so nothing can be stored. */
export function malformedMultipart(random: Random): Payload {
  const boundary = `----fuzz${int(random, 0, 1e9)}`;
  const type = `multipart/form-data; boundary=${boundary}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const kinds: (() => Payload)[] = [
    () => ({ kind: "cut-off form", contentType: type, body: utf8(`--${boundary}\r\nContent-Disposition: form-da`) }),
    () => ({ kind: "no closing boundary", contentType: type, body: utf8(part("title", oddString(random))) }),
    () => ({
      kind: "file as a text field",
      contentType: type,
      body: utf8(`${part("file", oddString(random))}${part("intent", "commit")}--${boundary}--\r\n`),
    }),
    () => ({
      kind: "no file",
      contentType: type,
      body: utf8(`${part("title", "长".repeat(int(random, 1, 5000)))}--${boundary}--\r\n`),
    }),
    () => ({
      kind: "boundary mismatch",
      contentType: "multipart/form-data; boundary=other",
      body: utf8(`${part("file", "x")}--${boundary}--\r\n`),
    }),
    () => ({
      kind: "no boundary",
      contentType: "multipart/form-data",
      body: randomBytes(random, int(random, 1, 2048)),
    }),
    () => ({ kind: "random bytes", contentType: type, body: randomBytes(random, int(random, 1, 8192)) }),
    () => ({
      kind: "many fields",
      contentType: type,
      body: utf8(
        `${Array.from({ length: int(random, 100, 3000) }, (_, i) => part(`f${i}`, "x")).join("")}--${boundary}--\r\n`,
      ),
    }),
    () => ({ kind: "JSON instead of a form", contentType: "application/json", body: utf8('{"file":"x"}') }),
    () => {
      // Unsafe text in a field name, a field value or a file name: refused before anything is stored.
      const where = int(random, 0, 2);
      const fileName = where === 2 ? `${unsafeBytesText(random)}.pdf` : "report.pdf";
      const fields =
        where === 0
          ? part(`title${unsafeBytesText(random)}`, "x")
          : part("title", where === 1 ? unsafeBytesText(random) : "ok");
      const file =
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n`;
      return { kind: "unsafe text in a form", contentType: type, body: utf8(`${fields}${file}--${boundary}--\r\n`) };
    },
    () => ({ kind: "no content type", contentType: null, body: randomBytes(random, int(random, 1, 512)) }),
  ];
  return pick(random, kinds)();
}

/**
 * A server action posted the way a form does before JavaScript runs: no Next-Action header, the action
 * named by a `$ACTION_ID_<id>` field, multipart or urlencoded. Sent from a foreign origin, it must be
 * refused (403) like the JS call.
 */
export function formStyleAction(random: Random, actionId: string): Payload {
  const fields: [string, string][] = [
    [`$ACTION_ID_${actionId}`, ""],
    ...pick(random, [
      [["locale", "en"]] as [string, string][],
      [
        ["taskId", "1"],
        ["progressText", oddString(random)],
      ] as [string, string][],
      [[oddString(random), unsafeBytesText(random)]] as [string, string][],
      [] as [string, string][],
    ]),
  ];
  if (random() < 0.5) {
    const boundary = `----form${int(random, 0, 1e9)}`;
    const parts = fields
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("");
    return {
      kind: "form-style action (multipart)",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(`${parts}--${boundary}--\r\n`),
    };
  }
  return {
    kind: "form-style action (urlencoded)",
    contentType: "application/x-www-form-urlencoded",
    body: utf8(new URLSearchParams(fields).toString()),
  };
}

/**
 * A server action request body (React's reply encoding) that no action of ours accepts: argument lists
 * of the wrong shape, references to parts that are not there, undecodable bytes, wrong content types,
 * oversized bodies.
 */
export function malformedActionBody(random: Random): Payload {
  const text = "text/plain;charset=UTF-8";
  const args = (): unknown[] => {
    const arg = (): unknown =>
      pick(random, [
        () => wrongValue(random),
        () => oddString(random),
        () => ({ taskId: wrongValue(random), id: wrongValue(random), name: 1, body: [], locale: 7 }),
        () => ({ [oddString(random)]: oddString(random) }),
        () => "长".repeat(int(random, OVER_LIMIT, 100_000)),
      ])();
    return Array.from({ length: int(random, 0, 3) }, arg);
  };
  const boundary = `----fuzz${int(random, 0, 1e9)}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const kinds: (() => Payload)[] = [
    () => ({ kind: "wrong arguments", contentType: text, body: utf8(JSON.stringify(args())) }),
    () => ({
      kind: "unsafe text in arguments",
      contentType: text,
      body: utf8(
        JSON.stringify([
          pick(random, [
            () => ({
              taskId: 1,
              intent: "draft",
              expectedVersion: 0,
              status: "ON_TRACK",
              progress: 5,
              progressText: unsafeText(random),
            }),
            () => ({ taskId: 1, body: unsafeText(random) }),
            () => ({ id: 1, name: unsafeText(random), displayName: unsafeText(random) }),
            () => ({ [unsafeText(random)]: "x" }),
            () => unsafeText(random),
          ])(),
        ]),
      ),
    }),
    () => ({
      kind: "unsafe text in a form argument",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(
        `${part("0", '["$K1"]')}${part("1_locale", unsafeBytesText(random))}${part(`1_${unsafeBytesText(random)}`, "x")}--${boundary}--\r\n`,
      ),
    }),
    () => ({ kind: "not a list", contentType: text, body: utf8(JSON.stringify(wrongValue(random))) }),
    () => ({ kind: "not JSON", contentType: text, body: utf8(pick(random, ["{{{", "[1,", "", '["a"', "]"])) }),
    () => ({
      kind: "dangling reference",
      contentType: text,
      body: utf8(
        JSON.stringify([
          pick(random, [
            "$@1",
            "$1",
            "$Q2",
            "$W3",
            "$K4",
            "$i5",
            "$h6",
            "$B7",
            "$T",
            "$R8",
            "$A9",
            "$n",
            `$n${"9".repeat(400)}`,
          ]),
        ]),
      ),
    }),
    () => ({ kind: "deep nesting", contentType: text, body: utf8(deepNesting(random)) }),
    () => ({
      kind: "random bytes",
      contentType: pick(random, [text, null, "application/octet-stream"]),
      body: randomBytes(random, int(random, 1, 4096)),
    }),
    () => ({
      kind: "wrong content type",
      contentType: pick(random, ["application/json", "application/xml", "text/html", "image/png"]),
      body: utf8(JSON.stringify(args())),
    }),
    () => ({
      kind: "prototype pollution",
      contentType: text,
      body: utf8(
        `[{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{"polluted":1}},"taskId":"${oddString(random).replace(/["\\]/g, "")}"}]`,
      ),
    }),
    () => ({ kind: "invalid UTF-8", contentType: text, body: Uint8Array.from([0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d]) }),
    () => ({
      kind: "cut-off form",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(`--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"`),
    }),
    () => ({
      kind: "form without arguments",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(`${part("1_locale", "xx")}--${boundary}--\r\n`),
    }),
    () => ({
      kind: "form with a dangling part",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(`${part("0", '["$@9"]')}--${boundary}--\r\n`),
    }),
    () => ({
      kind: "form of wrong fields",
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: utf8(
        `${part("0", '["$K1"]')}${part("1_locale", oddString(random))}${part("1_taskId", "x")}--${boundary}--\r\n`,
      ),
    }),
  ];
  // Past Next's 1 MB server action limit.
  if (random() < OVERLONG_SHARE) {
    const pad = "x".repeat(int(random, 1_050_000, 1_300_000));
    return { kind: "overlong body", contentType: text, body: utf8(JSON.stringify([pad])) };
  }
  return pick(random, kinds)();
}
