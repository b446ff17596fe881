/**
 * The bulletin as an official document, against a real PostgreSQL: the issuer, 文号 pattern, 抄送 list
 * and default layout are an admin's audited settings; a draft takes them when generated and its layout
 * can be switched (audited, drafts only); publishing needs the confirmation, server-side; the published
 * files carry the layout chosen.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as BulletinsModule from "../../lib/server/bulletins";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as SettingsModule from "../../lib/server/settings";
import { parsePeriodCode } from "../../lib/domain/periods";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: ["work-points-2023"] });
let settings: typeof SettingsModule;
let bulletins: typeof BulletinsModule;
let errors: typeof ErrorsModule;
let admin: Actor;
let reviewer: Actor;
let viewer: Actor;

const actor = (id: number, username: string, role: Actor["role"]): Actor => ({
  id,
  username,
  displayName: username,
  role,
  departmentId: null,
  departmentName: null,
  locale: "zh-CN",
  via: "session",
});

const AFTER = new Date("2023-07-03T02:00:00Z");
const SETTINGS = {
  issuer: "山东省大数据局",
  docNumberPattern: "鲁数字办〔{year}〕{issue}号",
  copyTo: ["省委办公厅", "省政府办公厅"],
  printedBy: "山东省大数据局办公室",
  officialByDefault: true,
};

async function docxXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file("word/document.xml")!.async("string");
}

beforeAll(async () => {
  settings = await db.load(() => import("../../lib/server/settings"));
  bulletins = await db.load(() => import("../../lib/server/bulletins"));
  errors = await db.load(() => import("../../lib/server/errors"));
  const make = async (username: string, role: Actor["role"]) =>
    actor((await db.prisma.user.create({ data: { username, displayName: username, role } })).id, username, role);
  admin = await make("bo-admin", "ADMIN");
  reviewer = await make("bo-rev", "REVIEWER");
  viewer = await make("bo-viewer", "VIEWER");
}, 120_000);

describe("bulletin settings", () => {
  it("default to the leading group's office and the plain layout", async () => {
    expect(await settings.getBulletinSettings()).toMatchObject({
      issuer: "山东省数字强省建设领导小组办公室",
      docNumberPattern: "鲁数字办〔{year}〕{issue}号",
      officialByDefault: false,
    });
  });

  it("only an admin changes them; the change is audited with the values before and after", async () => {
    for (const who of [reviewer, viewer]) {
      await expect(settings.updateBulletinSettings(who, SETTINGS)).rejects.toSatisfy(
        (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
      );
    }
    await expect(
      settings.updateBulletinSettings(admin, { ...SETTINGS, docNumberPattern: "鲁数字办〔2026〕号" }),
    ).rejects.toThrow();
    expect(await db.prisma.auditLog.count({ where: { action: "settings.bulletin" } })).toBe(0);
    await settings.updateBulletinSettings(admin, SETTINGS);
    expect(await settings.getBulletinSettings()).toEqual(SETTINGS);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "settings.bulletin" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toMatchObject({ issuer: "山东省数字强省建设领导小组办公室", officialByDefault: false });
    expect(audit.after).toMatchObject({ issuer: "山东省大数据局", officialByDefault: true });
  });
});

describe("a bulletin's layout and its publication", () => {
  let draftId: number;

  it("a new draft takes the issuer and, by default, the official layout with the period's 文号", async () => {
    const draft = await bulletins.generateBulletin(reviewer, { period: "2023-P3" }, AFTER);
    draftId = draft.id;
    const row = await db.prisma.bulletin.findUniqueOrThrow({ where: { id: draftId } });
    expect(row.issuer).toBe("山东省大数据局");
    expect(row.official).toEqual({
      docNumber: "鲁数字办〔2023〕3号",
      copyTo: ["省委办公厅", "省政府办公厅"],
      printedBy: "山东省大数据局办公室",
    });
    const xml = await docxXml((await bulletins.getBulletinFile(reviewer, draftId, "docx", AFTER)).content);
    expect(xml).toContain("鲁数字办〔2023〕3号");
    expect(xml).toContain("抄送：省委办公厅，省政府办公厅");
  });

  it("a reviewer switches a draft's layout and sets its 文号, audited; a viewer cannot", async () => {
    await expect(bulletins.setBulletinLayout(viewer, { bulletinId: draftId, official: false })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
    );
    await bulletins.setBulletinLayout(reviewer, { bulletinId: draftId, official: false });
    let xml = await docxXml((await bulletins.getBulletinFile(reviewer, draftId, "docx", AFTER)).content);
    expect(xml).not.toContain("鲁数字办");
    expect(xml).not.toContain("抄送");
    await bulletins.setBulletinLayout(reviewer, {
      bulletinId: draftId,
      official: true,
      docNumber: "鲁数字办〔2023〕12号",
    });
    xml = await docxXml((await bulletins.getBulletinFile(reviewer, draftId, "docx", AFTER)).content);
    expect(xml).toContain("鲁数字办〔2023〕12号");
    const audit = await db.prisma.auditLog.findMany({
      where: { action: "bulletin.layout", entityId: String(draftId) },
      orderBy: { id: "asc" },
    });
    expect(
      audit.map((a) => (a.after as { official: { docNumber: string } | null }).official?.docNumber ?? null),
    ).toEqual([null, "鲁数字办〔2023〕12号"]);
  });

  it("a publish request without the confirmation is refused and changes nothing", async () => {
    for (const raw of [
      { bulletinId: draftId },
      { bulletinId: draftId, confirm: false },
      { bulletinId: draftId, confirm: "yes" },
    ]) {
      await expect(bulletins.publishBulletin(reviewer, raw as never, AFTER)).rejects.toSatisfy(
        (e: unknown) => e instanceof errors.AppError && e.code === "VALIDATION",
      );
    }
    const row = await db.prisma.bulletin.findUniqueOrThrow({ where: { id: draftId } });
    expect(row.state).toBe("DRAFT");
    expect(await db.prisma.bulletinFile.count({ where: { bulletinId: draftId } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "bulletin.publish" } })).toBe(0);
  });

  it("confirmed, it publishes files in the chosen layout; the layout of a publication is frozen", async () => {
    await bulletins.publishBulletin(reviewer, { bulletinId: draftId, confirm: true }, AFTER);
    const file = await bulletins.getBulletinFile(viewer, draftId, "docx");
    const xml = await docxXml(file.content);
    expect(xml).toContain("鲁数字办〔2023〕12号");
    expect(xml).toContain("山东省大数据局办公室");
    await expect(bulletins.setBulletinLayout(reviewer, { bulletinId: draftId, official: false })).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT",
    );
    // The preview offers to lock the still-open period.
    const view = await bulletins.getBulletinForPeriod(reviewer, parsePeriodCode("2023-P3")!, null);
    expect(view).toMatchObject({ state: "PUBLISHED", periodState: "OPEN", suggestedDocNumber: "鲁数字办〔2023〕3号" });
  });
});
