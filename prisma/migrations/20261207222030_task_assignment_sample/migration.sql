-- AlterTable
ALTER TABLE "task_assignment_change" ADD COLUMN     "isSample" BOOLEAN NOT NULL DEFAULT false;

