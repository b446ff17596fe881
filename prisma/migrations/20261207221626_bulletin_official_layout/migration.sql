-- AlterTable
ALTER TABLE "bulletin" ADD COLUMN     "official" JSONB;

