-- CreateEnum
CREATE TYPE "DepartmentReformKind" AS ENUM ('RENAME', 'MERGE', 'SPLIT', 'UNDO_RENAME', 'UNMERGE', 'UNDO_SPLIT');

-- AlterTable
ALTER TABLE "department" ADD COLUMN     "mergedIntoId" INTEGER,
ADD COLUMN     "mergedOn" DATE;

-- CreateTable
CREATE TABLE "department_reform" (
    "id" SERIAL NOT NULL,
    "kind" "DepartmentReformKind" NOT NULL,
    "fromDepartmentId" INTEGER NOT NULL,
    "toDepartmentId" INTEGER,
    "effectiveDate" DATE NOT NULL,
    "actorId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "reversesId" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "department_reform_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "department_reform_batchId_key" ON "department_reform"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "department_reform_reversesId_key" ON "department_reform"("reversesId");

-- CreateIndex
CREATE INDEX "department_reform_fromDepartmentId_idx" ON "department_reform"("fromDepartmentId");

-- CreateIndex
CREATE INDEX "department_reform_toDepartmentId_idx" ON "department_reform"("toDepartmentId");

-- CreateIndex
CREATE INDEX "department_mergedIntoId_idx" ON "department"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_reform" ADD CONSTRAINT "department_reform_fromDepartmentId_fkey" FOREIGN KEY ("fromDepartmentId") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_reform" ADD CONSTRAINT "department_reform_toDepartmentId_fkey" FOREIGN KEY ("toDepartmentId") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_reform" ADD CONSTRAINT "department_reform_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_reform" ADD CONSTRAINT "department_reform_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "department_reform"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The reform log is history: an operation is reversed by appending its inverse (reversesId), never by
-- changing or deleting the row (lib/server/department-reform.ts). Written by hand, as in
-- 20261123113800_append_only_history.
CREATE TRIGGER "department_reform_append_only" BEFORE UPDATE OR DELETE ON "department_reform"
  FOR EACH ROW EXECUTE FUNCTION "dpt_forbid_history_change"();
