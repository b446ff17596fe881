-- CreateIndex
CREATE INDEX "task_area_idx" ON "task"("area");

-- CreateIndex
CREATE INDEX "indicator_mergedIntoId_idx" ON "indicator"("mergedIntoId");

