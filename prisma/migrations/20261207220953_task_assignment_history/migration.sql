-- CreateEnum
CREATE TYPE "AssignmentChannel" AS ENUM ('BROWSER', 'API', 'TABLE', 'REFORM');

-- AlterTable
ALTER TABLE "task" ADD COLUMN     "assignmentDecided" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "task_source_unit" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "rawName" TEXT NOT NULL,

    CONSTRAINT "task_source_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_assignment_change" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "channel" "AssignmentChannel" NOT NULL,
    "batchId" TEXT,
    "actorId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,

    CONSTRAINT "task_assignment_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "task_source_unit_departmentId_role_idx" ON "task_source_unit"("departmentId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "task_source_unit_taskId_departmentId_role_key" ON "task_source_unit"("taskId", "departmentId", "role");

-- CreateIndex
CREATE INDEX "task_assignment_change_taskId_recordedAt_idx" ON "task_assignment_change"("taskId", "recordedAt");

-- CreateIndex
CREATE INDEX "task_assignment_change_batchId_idx" ON "task_assignment_change"("batchId");

-- AddForeignKey
ALTER TABLE "task_source_unit" ADD CONSTRAINT "task_source_unit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_source_unit" ADD CONSTRAINT "task_source_unit_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignment_change" ADD CONSTRAINT "task_assignment_change_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignment_change" ADD CONSTRAINT "task_assignment_change_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- Hand-written (issue 15, lib/server/assignments.ts):
-- 1. The units the text names (原文): today every assignment came from the text, so it is copied as is.
INSERT INTO "task_source_unit" ("taskId", "departmentId", "role", "ordinal", "rawName")
SELECT "taskId", "departmentId", "role", "ordinal", "rawName" FROM "task_assignment";

-- 2. The assignment history is append-only, like the other history tables.
CREATE TRIGGER "task_assignment_change_append_only" BEFORE UPDATE OR DELETE ON "task_assignment_change"
  FOR EACH ROW EXECUTE FUNCTION "dpt_forbid_history_change"();

-- 3. Task pages read both tables through the read cache: a write moves the task counter.
CREATE TRIGGER "task_source_unit_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_source_unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "task_assignment_change_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_assignment_change"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
