/**
 * The overview's unit filter as a search field (used above OVERVIEW_UNIT_LIST_LIMIT lead units; the e2e
 * server sets the limit low): typing finds units by name, the keyboard and a tap both choose, the choice
 * filters the overview through the URL and survives a reload, and clearing it means every unit.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";

test("finds a lead unit by part of its name and filters the overview by it", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "单位" });
  await expect(box).toHaveAttribute("placeholder", /共 \d+ 个牵头单位/);

  await box.fill("大数据");
  const option = page.getByRole("option", { name: "省大数据局" });
  await expect(option).toBeVisible();
  const results = await new AxeBuilder({ page }).include("form").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await option.click();
  await expect(box).toHaveValue("省大数据局");
  await page.getByRole("button", { name: "应用" }).click();
  const id = (await queryE2E<{ id: number }>(`SELECT id FROM department WHERE name = '省大数据局'`))[0]!.id;
  await expect(page).toHaveURL(new RegExp(`[?&]dept=${id}(&|$)`));
  // The chosen unit is shown again after the reload, and only its tasks are counted.
  await expect(page.getByRole("combobox", { name: "单位" })).toHaveValue("省大数据局");

  // Clearing the field means every unit again.
  await page.getByRole("combobox", { name: "单位" }).fill("");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).not.toHaveURL(/dept=\d/);
});

test("chooses with the keyboard, and says when nothing matches", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "单位" });
  await box.fill("不存在的单位名称");
  await expect(page.getByRole("listbox").getByText("没有名称相符的牵头单位")).toBeVisible();

  await box.fill("省");
  // The search's own list (the form's other fields are <select>s with options of their own).
  const options = page.getByRole("listbox", { name: "单位" }).getByRole("option");
  await expect(options.nth(1)).toBeVisible();
  await box.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  const second = (await options.nth(1).innerText()).trim();
  await box.press("Enter");
  await expect(box).toHaveValue(second);
  await expect(box).toHaveAttribute("aria-expanded", "false");
});
