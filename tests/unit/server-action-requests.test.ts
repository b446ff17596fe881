import { describe, expect, test } from "vitest";
import { checkServerActionBody, isCrossOriginAction, MAX_ACTION_BODY_BYTES } from "@/lib/proxy/server-action-requests";

const text = (s: string) => new Uint8Array(new TextEncoder().encode(s));
const TEXT = "text/plain;charset=UTF-8";

async function multipart(fields: Record<string, string>): Promise<{ type: string; body: Uint8Array<ArrayBuffer> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const response = new Response(form);
  return { type: response.headers.get("content-type")!, body: new Uint8Array(await response.arrayBuffer()) };
}

describe("checkServerActionBody", () => {
  test.each([
    ["an object argument", '[{"taskId":1,"body":"进展"}]'],
    [
      "React's self-contained markers",
      '[{"a":"$undefined","b":"$D2026-01-01T00:00:00.000Z","c":"$n12","d":"$$dollar","e":"$NaN"}]',
    ],
    ["no arguments", "[]"],
  ])("admits %s", async (_, body) => {
    expect(await checkServerActionBody(TEXT, text(body))).toBeNull();
  });

  test("admits a FormData argument and outlined parts that exist", async () => {
    const form = await multipart({ "0": '["$K1","$@2"]', "1_locale": "en", "2": '{"ok":true}' });
    expect(await checkServerActionBody(form.type, form.body)).toBeNull();
  });

  test.each([
    ["invalid JSON", "{{{", 400],
    ["a non-list", '{"a":1}', 400],
    ["a reference a text body cannot carry", '["$@1"]', 400],
    ["a Map reference", '["$Q1"]', 400],
    ["a temporary reference", '["$T"]', 400],
    ["an overlong big integer", `["$n${"9".repeat(301)}"]`, 400],
    ["deep nesting", `${"[".repeat(200)}${"]".repeat(200)}`, 400],
  ])("refuses %s", async (_, body, status) => {
    expect((await checkServerActionBody(TEXT, text(body)))?.status).toBe(status);
  });

  test("refuses bytes that are not UTF-8", async () => {
    expect((await checkServerActionBody(TEXT, new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])))?.status).toBe(400);
  });

  test("refuses a cut-off form, a form without arguments and a reference to a missing part", async () => {
    expect((await checkServerActionBody("multipart/form-data; boundary=x", text("--x\r\nrandom")))?.status).toBe(400);
    const empty = await multipart({ other: "1" });
    expect((await checkServerActionBody(empty.type, empty.body))?.status).toBe(400);
    const dangling = await multipart({ "0": '["$3"]' });
    expect((await checkServerActionBody(dangling.type, dangling.body))?.status).toBe(400);
  });

  test("a self-referencing part does not loop", async () => {
    const form = await multipart({ "0": '["$1"]', "1": '["$1"]' });
    expect(await checkServerActionBody(form.type, form.body)).toBeNull();
  });

  test("refuses other content types and oversized bodies", async () => {
    expect((await checkServerActionBody("application/json", text("[]")))?.status).toBe(415);
    expect((await checkServerActionBody(TEXT, new Uint8Array(MAX_ACTION_BODY_BYTES + 1)))?.status).toBe(413);
  });
});

describe("isCrossOriginAction", () => {
  test("another host, or an Origin that is not a URL, is cross-origin; no Origin is left to Next", () => {
    expect(isCrossOriginAction("https://elsewhere.example", "127.0.0.1:3000")).toBe(true);
    expect(isCrossOriginAction("not a url", "127.0.0.1:3000")).toBe(true);
    expect(isCrossOriginAction("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(false);
    expect(isCrossOriginAction(null, "127.0.0.1:3000")).toBe(false);
  });
});
