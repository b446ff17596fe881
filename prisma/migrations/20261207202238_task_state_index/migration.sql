-- CreateIndex
CREATE INDEX "task_retiredAt_hasLead_deadline_currentStatus_statusUpdated_idx" ON "task"("retiredAt", "hasLead", "deadline", "currentStatus", "statusUpdatedAt");

