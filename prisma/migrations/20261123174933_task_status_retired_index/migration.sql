-- DropIndex
DROP INDEX "task_currentStatus_idx";

-- CreateIndex
CREATE INDEX "task_currentStatus_retiredAt_idx" ON "task"("currentStatus", "retiredAt");

