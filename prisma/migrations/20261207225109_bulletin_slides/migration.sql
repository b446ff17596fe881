-- AlterEnum
ALTER TYPE "ExportFormat" ADD VALUE 'PPTX';

