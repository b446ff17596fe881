-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

