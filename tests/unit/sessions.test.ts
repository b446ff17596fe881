import { describe, expect, it } from "vitest";
import {
  remainingSessionSeconds,
  SESSION_MAX_AGE_SECONDS,
  sessionAgeRefusal,
  sessionRefusal,
} from "../../lib/domain/sessions";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const HOUR = 3_600_000;

describe("session rules", () => {
  it("admit a session within 12 hours of its sign-in and under the current version", () => {
    expect(sessionRefusal({ authAt: NOW - 11.9 * HOUR, sv: 3 }, 3, NOW)).toBeNull();
  });

  it("refuse it at 12 hours, under another version, or without a sign-in time or version", () => {
    expect(sessionRefusal({ authAt: NOW - 12 * HOUR, sv: 3 }, 3, NOW)).toBe("expired");
    expect(sessionRefusal({ authAt: NOW - HOUR, sv: 2 }, 3, NOW)).toBe("ended");
    expect(sessionRefusal({ sv: 3 }, 3, NOW)).toBe("no-sign-in-time");
    expect(sessionRefusal({ authAt: NOW - HOUR }, 3, NOW)).toBe("no-version");
    expect(sessionRefusal({ authAt: String(NOW), sv: 3 }, 3, NOW)).toBe("no-sign-in-time");
    expect(sessionRefusal({ authAt: NOW - HOUR, sv: "3" }, 3, NOW)).toBe("no-version");
  });

  it("refuse a sign-in time in the future beyond a minute of clock difference", () => {
    expect(sessionAgeRefusal({ authAt: NOW + 30_000 }, NOW)).toBeNull();
    expect(sessionAgeRefusal({ authAt: NOW + 5 * 60_000 }, NOW)).toBe("from-the-future");
  });

  it("cut a re-issued token's lifetime at the absolute limit", () => {
    expect(remainingSessionSeconds({ authAt: NOW }, SESSION_MAX_AGE_SECONDS, NOW)).toBe(SESSION_MAX_AGE_SECONDS);
    expect(remainingSessionSeconds({ authAt: NOW - 11 * HOUR }, SESSION_MAX_AGE_SECONDS, NOW)).toBe(3600);
    expect(remainingSessionSeconds({ authAt: NOW - 13 * HOUR }, SESSION_MAX_AGE_SECONDS, NOW)).toBe(0);
    expect(remainingSessionSeconds({}, SESSION_MAX_AGE_SECONDS, NOW)).toBe(0);
  });
});
