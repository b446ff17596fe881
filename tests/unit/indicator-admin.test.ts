import { describe, expect, it } from "vitest";
import { mergeIndicatorSchema, splitIndicatorSchema, updateIndicatorSchema } from "../../lib/schemas/indicator-admin";

describe("input schemas", () => {
  it("accepts an edit with an empty English name and description as nulls", () => {
    expect(
      updateIndicatorSchema.parse({
        indicatorId: "7",
        name: " 智慧停车场数 ",
        nameEn: "",
        unit: "个",
        direction: "HIGHER_IS_BETTER",
        area: "数字社会",
        description: "  ",
      }),
    ).toEqual({
      indicatorId: 7,
      name: "智慧停车场数",
      nameEn: null,
      unit: "个",
      direction: "HIGHER_IS_BETTER",
      area: "数字社会",
      description: null,
    });
  });

  it("refuses an area outside the strategy's five (and 其他), and a one-character name", () => {
    const base = { indicatorId: 1, name: "指标名称", unit: "个", direction: "HIGHER_IS_BETTER", area: "数字社会" };
    expect(updateIndicatorSchema.safeParse({ ...base, area: "数字农业" }).success).toBe(false);
    expect(updateIndicatorSchema.safeParse({ ...base, area: "其他" }).success).toBe(true);
    expect(updateIndicatorSchema.safeParse({ ...base, name: "指" }).success).toBe(false);
  });

  it("wants a split key in lowercase kebab case and defaults the moved items to none", () => {
    const base = { indicatorId: 1, name: "新指标", unit: "%", direction: "HIGHER_IS_BETTER", area: "数字社会" };
    expect(splitIndicatorSchema.safeParse({ ...base, key: "Rural Share" }).success).toBe(false);
    expect(splitIndicatorSchema.parse({ ...base, key: "rural-share-2" })).toMatchObject({
      key: "rural-share-2",
      targetIds: [],
      baselineIds: [],
      synonymIds: [],
    });
  });

  it("needs both ends of a merge", () => {
    expect(mergeIndicatorSchema.safeParse({ sourceId: 1 }).success).toBe(false);
    expect(mergeIndicatorSchema.parse({ sourceId: "1", targetId: 2 })).toEqual({ sourceId: 1, targetId: 2 });
  });
});
