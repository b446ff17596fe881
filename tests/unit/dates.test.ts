import { describe, expect, it } from "vitest";
import { isoDateSchema } from "../../lib/domain/dates";

describe("calendar dates", () => {
  it("accepts real dates, including 29 February of a leap year", () => {
    for (const d of ["2023-12-31", "2024-02-29", "2000-02-29"]) expect(isoDateSchema.safeParse(d).success).toBe(true);
  });
  it("refuses impossible or malformed dates instead of rolling them over", () => {
    for (const d of [
      "2023-02-29",
      "2023-02-30",
      "2023-13-01",
      "2023-00-10",
      "1900-02-29",
      "2023-1-5",
      "20231231",
      "",
    ]) {
      expect(isoDateSchema.safeParse(d).success, d).toBe(false);
    }
  });
});
