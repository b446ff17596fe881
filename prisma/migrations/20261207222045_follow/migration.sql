-- CreateTable
CREATE TABLE "follow" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "taskId" INTEGER,
    "indicatorId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_taskId_idx" ON "follow"("taskId");

-- CreateIndex
CREATE INDEX "follow_indicatorId_idx" ON "follow"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "follow_userId_taskId_key" ON "follow"("userId", "taskId");

-- CreateIndex
CREATE UNIQUE INDEX "follow_userId_indicatorId_key" ON "follow"("userId", "indicatorId");

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a follow names exactly one subject, a task or an indicator.
ALTER TABLE "follow" ADD CONSTRAINT "follow_one_subject" CHECK (("taskId" IS NULL) <> ("indicatorId" IS NULL));
