/**
 * The one date rule (lib/domain/dates.ts): a real calendar date written YYYY-MM-DD, from 2000-01-01 to
 * ten years after today. Outside probe 2026-12, finding 1: "0099-12-31" and "0001-01-01" were accepted.
 */
import { describe, expect, it } from "vitest";
import {
  addYears,
  checkDate,
  dateWindow,
  daysInMonth,
  inputDateSchema,
  inputRuleMessage,
  isCalendarDate,
  shanghaiDate,
  storedDay,
  utcDay,
  utcMidnight,
} from "../../lib/domain/dates";
import { dayNumber } from "../../lib/domain/indicator-status";
import { parsePeriodCode } from "../../lib/domain/periods";
import { translate } from "../../lib/i18n/message";

const TODAY = "2026-12-07";
const code = (value: string, today = TODAY) => {
  const check = checkDate(value, today);
  return check.ok ? "ok" : check.code;
};

describe("the day of a Date, by meaning", () => {
  it("shanghaiDate reads a moment on the Shanghai calendar, utcDay a stored date at midnight UTC", () => {
    const lateEvening = new Date("2023-04-30T17:00:00Z"); // already 1 May in Shanghai
    expect(shanghaiDate(lateEvening)).toBe("2023-05-01");
    expect(utcDay(lateEvening)).toBe("2023-04-30");
  });

  it("utcMidnight writes a day as the Date the driver stores as that date, and utcDay reads it back", () => {
    expect(utcMidnight("2024-02-29").toISOString()).toBe("2024-02-29T00:00:00.000Z");
    for (const day of ["2000-01-01", "2024-02-29", "2035-12-31"]) expect(utcDay(utcMidnight(day))).toBe(day);
  });

  it("storedDay tolerates an invalid Date; utcDay throws", () => {
    expect(storedDay(new Date(Number.NaN))).toBe("invalid");
    expect(() => utcDay(new Date(Number.NaN))).toThrow(RangeError);
    expect(storedDay(utcMidnight("2023-06-30"))).toBe("2023-06-30");
  });
});

describe("calendar dates", () => {
  it("accepts real dates, including 29 February of a leap year", () => {
    for (const d of ["2023-12-31", "2024-02-29", "2000-02-29"]) expect(code(d), d).toBe("ok");
  });
  it("refuses impossible or malformed dates instead of rolling them over", () => {
    for (const d of ["2023-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "2023-04-31", "2100-02-29"]) {
      expect(code(d), d).toBe("dateInvalid");
    }
    for (const d of [
      "2023-1-1",
      "2023-1-05",
      "20231231",
      "",
      "+02023-01-01",
      "-002023-01-01",
      " 2023-01-01",
      "2023-01-01T00:00:00Z",
    ]) {
      expect(code(d), d).toBe("dateFormat");
    }
  });
  it("refuses full-width and other non-ASCII digits", () => {
    for (const d of ["２０２３-０１-０１", "2023－01－01", "٢٠٢٣-٠١-٠١", "𝟐𝟎𝟐𝟑-01-01"])
      expect(code(d), d).toBe("dateFormat");
  });
  it("counts days by the Gregorian rule without Date's two-digit-year trap", () => {
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(99, 2)).toBe(28);
    expect(isCalendarDate("0096-02-29")).toBe(true); // year 96 AD was a leap year; 1996 too, but 0099 ≠ 1999
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01")).toBe(11_017);
    // Years 0–99 are those years, not 1900–1999 (Date.UTC's reading, which broke every page).
    expect(dayNumber("0099-12-31")).toBeLessThan(dayNumber("1000-01-01"));
    expect(() => dayNumber("2023-02-30")).toThrow(RangeError);
  });
});

describe("the plausible window: 2000-01-01 to ten years after today", () => {
  it("has its boundaries where the rule says", () => {
    expect(dateWindow(TODAY)).toEqual({ min: "2000-01-01", max: "2036-12-07" });
    expect(code("1999-12-31")).toBe("dateTooEarly");
    expect(code("2000-01-01")).toBe("ok");
    expect(code(TODAY)).toBe("ok");
    expect(code("2036-12-07")).toBe("ok"); // today + 10 years
    expect(code("2036-12-08")).toBe("dateTooLate"); // today + 10 years + 1 day
  });
  it("refuses the probe's years 0000–0099 and other absurd years", () => {
    for (const d of ["0099-12-31", "0001-01-01", "0000-01-01", "0050-01-01", "1900-01-01"]) {
      expect(code(d), d).toBe("dateTooEarly");
    }
    for (const d of ["9999-12-31", "2100-01-01"]) expect(code(d), d).toBe("dateTooLate");
  });
  it("moves with today, and a 29 February today gives 28 February ten years on", () => {
    expect(dateWindow("2028-02-29").max).toBe("2038-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(code("2038-02-28", "2028-02-29")).toBe("ok");
    expect(code("2038-03-01", "2028-02-29")).toBe("dateTooLate");
  });
  it("the input schema applies the window as of now, with a message naming it in both languages", () => {
    const today = shanghaiDate(new Date());
    expect(inputDateSchema.safeParse(today).success).toBe(true);
    expect(inputDateSchema.safeParse("2000-01-01").success).toBe(true);
    expect(inputDateSchema.safeParse(addYears(today, 10)).success).toBe(true);
    const tooLate = addYears(today, 10).replace(/\d\d$/, (d) => d); // same day
    expect(inputDateSchema.safeParse(tooLate).success).toBe(true);
    for (const bad of [
      "1999-12-31",
      "0099-12-31",
      "0001-01-01",
      "2023-02-30",
      "+02023-01-01",
      "2023-1-1",
      "２０２３-０１-０１",
    ]) {
      expect(inputDateSchema.safeParse(bad).success, bad).toBe(false);
    }
    const issue = inputDateSchema.safeParse("0099-12-31").error!.issues[0]!;
    // The issue names a catalogue message; the wrappers word it in the reader's language.
    expect(translate("zh-CN", issue.message)).toMatch(/早于 2000-01-01/);
    expect(translate("en", issue.message)).toMatch(/is before 2000-01-01/);
    const late = inputRuleMessage("dateTooLate", { date: "2099-01-01", min: "2000-01-01", max: "2036-12-07" });
    expect(translate("zh-CN", late)).toBe("日期 2099-01-01 晚于 2036-12-07：允许的日期为 2000-01-01 至 2036-12-07");
    expect(translate("en", late)).toBe(
      "2099-01-01 is after 2036-12-07: dates from 2000-01-01 to 2036-12-07 are accepted",
    );
  });
  it("a day after today + 10 years is refused by the schema", () => {
    const today = shanghaiDate(new Date());
    const max = addYears(today, 10);
    const next = new Date(`${max}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    expect(inputDateSchema.safeParse(next.toISOString().slice(0, 10)).success).toBe(false);
  });
});

describe("periods in URLs follow the window", () => {
  it("refuses 0099-P1 and periods outside the window, keeps plausible ones", () => {
    for (const p of ["0099-P1", "0001-P6", "1999-P6", "2037-P1", "9999-P1"])
      expect(parsePeriodCode(p, TODAY), p).toBeNull();
    expect(parsePeriodCode("2000-P1", TODAY)?.end).toBe("2000-02-29");
    expect(parsePeriodCode("2023-P3", TODAY)?.start).toBe("2023-05-01");
    expect(parsePeriodCode("2036-P5", TODAY)?.end).toBe("2036-10-31");
    expect(parsePeriodCode("2036-P6", TODAY)).toBeNull(); // ends 2036-12-31, after today + 10 years
  });
});
