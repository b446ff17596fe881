-- AlterTable
ALTER TABLE "task" ADD COLUMN     "unitsEndOffset" INTEGER,
ADD COLUMN     "unitsStartOffset" INTEGER;

