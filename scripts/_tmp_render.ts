import { writeFileSync } from "node:fs";
import { renderBulletinFile } from "@/lib/reports/bulletin-files";
import { bulletinFixture, fixtureMeta, officialMeta } from "../tests/support/bulletin-fixture";
const snap = bulletinFixture();
for (const f of ["docx", "pdf", "xlsx"] as const) {
  writeFileSync(`/tmp/i18/plain.${f}`, await renderBulletinFile(f, snap, fixtureMeta));
  writeFileSync(`/tmp/i18/official.${f}`, await renderBulletinFile(f, snap, officialMeta));
}
