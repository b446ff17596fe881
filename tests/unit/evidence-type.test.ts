import { describe, expect, it } from "vitest";
import { detectEvidenceType } from "../../lib/server/evidence";

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0]);

describe("evidence type detection (by content and extension together)", () => {
  it("accepts files whose bytes match their extension", () => {
    expect(detectEvidenceType("a.pdf", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toBe("pdf");
    expect(detectEvidenceType("a.PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("png");
    expect(detectEvidenceType("照片.jpeg", bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpg");
    expect(detectEvidenceType("方案.docx", bytes(0x50, 0x4b, 0x03, 0x04))).toBe("docx");
    expect(detectEvidenceType("台账.xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe("xls");
  });

  it("refuses mismatches and anything else", () => {
    expect(detectEvidenceType("a.pdf", bytes(0x4d, 0x5a))).toBeNull(); // an .exe
    expect(detectEvidenceType("a.png", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toBeNull(); // a PDF named .png
    expect(detectEvidenceType("a.zip", bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull(); // a plain zip
    expect(detectEvidenceType("a.html", new TextEncoder().encode("<html></html>"))).toBeNull();
    expect(detectEvidenceType("noext", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toBeNull();
  });
});
