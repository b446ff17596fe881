-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('PLAN', 'WORK_POINTS', 'IMPLEMENTATION_SCHEME', 'OTHER');

-- CreateEnum
CREATE TYPE "SourceFileRole" AS ENUM ('PRIMARY', 'UNITS');

-- CreateEnum
CREATE TYPE "SectionKind" AS ENUM ('CHAPTER', 'SECTION', 'SUBSECTION', 'COLUMN', 'GOALS', 'MEASURES', 'OTHER');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('TASK', 'MEASURE', 'COLUMN_ITEM');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('LEAD', 'RESPONSIBLE', 'COOPERATING');

-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('PROVINCIAL', 'CITY', 'CENTRAL', 'ENTERPRISE', 'GENERIC');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('NOT_STARTED', 'ON_TRACK', 'AT_RISK', 'LAGGING', 'COMPLETED', 'ONGOING');

-- CreateEnum
CREATE TYPE "UpdateKind" AS ENUM ('LEAD_REPORT', 'CONTRIBUTION');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'REVIEWER', 'DEPARTMENT_EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('GTE', 'GT', 'EQ', 'APPROX', 'LTE', 'LT');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "ObservationSource" AS ENUM ('STATISTICAL_BULLETIN', 'DEPARTMENT_REPORT', 'DOCUMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "PeriodState" AS ENUM ('OPEN', 'LOCKED');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK');

-- CreateEnum
CREATE TYPE "BulletinState" AS ENUM ('DRAFT', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ExportFormat" AS ENUM ('DOCX', 'PDF', 'XLSX', 'CSV');

-- CreateTable
CREATE TABLE "document" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "shortTitle" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "issuer" TEXT,
    "docNumber" TEXT,
    "issuedDate" DATE,
    "publishedDate" DATE,
    "planYear" INTEGER,
    "baseYear" INTEGER,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "normalizedText" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "extractorVersion" TEXT NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_source_file" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "role" "SourceFileRole" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,

    CONSTRAINT "document_source_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "section" (
    "id" SERIAL NOT NULL,
    "documentId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "SectionKind" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "area" TEXT,
    "sourceFileId" INTEGER,
    "startOffset" INTEGER,
    "endOffset" INTEGER,

    CONSTRAINT "section_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "documentId" INTEGER NOT NULL,
    "sectionId" INTEGER,
    "number" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL DEFAULT 'TASK',
    "ordinal" INTEGER NOT NULL,
    "title" TEXT,
    "text" TEXT NOT NULL,
    "area" TEXT,
    "sourceFileId" INTEGER NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "unitsSourceFileId" INTEGER,
    "currentStatus" "TaskStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "currentProgress" INTEGER NOT NULL DEFAULT 0,
    "statusUpdatedAt" TIMESTAMP(3),
    "nextDueDate" DATE,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "kind" "DepartmentKind" NOT NULL DEFAULT 'PROVINCIAL',
    "generic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_alias" (
    "id" SERIAL NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,

    CONSTRAINT "department_alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_assignment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "rawName" TEXT NOT NULL,

    CONSTRAINT "task_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "sourceFileId" INTEGER,
    "startOffset" INTEGER,
    "endOffset" INTEGER,
    "completedDate" DATE,
    "completedById" INTEGER,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "unit" TEXT NOT NULL,
    "unitScale" DECIMAL(30,6) NOT NULL DEFAULT 1,
    "direction" "Direction" NOT NULL DEFAULT 'HIGHER_IS_BETTER',
    "area" TEXT NOT NULL,
    "description" TEXT,
    "mergedIntoId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_synonym" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "synonym" TEXT NOT NULL,

    CONSTRAINT "indicator_synonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_indicator" (
    "taskId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,

    CONSTRAINT "task_indicator_pkey" PRIMARY KEY ("taskId","indicatorId")
);

-- CreateTable
CREATE TABLE "indicator_target" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "documentId" INTEGER NOT NULL,
    "taskId" INTEGER,
    "name" TEXT NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "value" DECIMAL(30,6) NOT NULL,
    "normalizedValue" DECIMAL(30,6) NOT NULL,
    "valueAsWritten" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "cumulative" BOOLEAN,
    "aspirational" BOOLEAN NOT NULL DEFAULT false,
    "quote" TEXT NOT NULL,
    "sourceFileId" INTEGER NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "indicator_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_baseline" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "documentId" INTEGER,
    "name" TEXT NOT NULL,
    "comparator" "Comparator" NOT NULL DEFAULT 'EQ',
    "value" DECIMAL(30,6) NOT NULL,
    "normalizedValue" DECIMAL(30,6) NOT NULL,
    "valueAsWritten" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "quote" TEXT NOT NULL,
    "sourceFileId" INTEGER,
    "startOffset" INTEGER,
    "endOffset" INTEGER,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "indicator_baseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "observation" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "value" DECIMAL(30,6) NOT NULL,
    "normalizedValue" DECIMAL(30,6) NOT NULL,
    "asOf" DATE NOT NULL,
    "source" "ObservationSource" NOT NULL,
    "sourceDetail" TEXT,
    "note" TEXT,
    "enteredById" INTEGER,
    "supersedesId" INTEGER,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reporting_period" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "state" "PeriodState" NOT NULL DEFAULT 'OPEN',
    "lockedAt" TIMESTAMP(3),
    "lockedById" INTEGER,

    CONSTRAINT "reporting_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_update" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "periodId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "kind" "UpdateKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "reviewState" "ReviewState" NOT NULL,
    "status" "TaskStatus" NOT NULL,
    "progress" INTEGER NOT NULL,
    "progressText" TEXT NOT NULL,
    "problems" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "milestoneDates" JSONB NOT NULL DEFAULT '[]',
    "reviewComment" TEXT,
    "authorId" INTEGER,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "taskUpdateId" INTEGER,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "byteSize" INTEGER,
    "sha256" TEXT,
    "storageKey" TEXT,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "taskUpdateId" INTEGER,
    "authorId" INTEGER,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT,
    "oidcSubject" TEXT,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "departmentId" INTEGER,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "ip" TEXT,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulletin" (
    "id" SERIAL NOT NULL,
    "periodId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "state" "BulletinState" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "issueLabel" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "publishedById" INTEGER,

    CONSTRAINT "bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulletin_file" (
    "id" SERIAL NOT NULL,
    "bulletinId" INTEGER NOT NULL,
    "format" "ExportFormat" NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bulletin_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_slug_key" ON "document"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "document_source_file_documentId_fileName_key" ON "document_source_file"("documentId", "fileName");

-- CreateIndex
CREATE INDEX "section_parentId_idx" ON "section"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "section_documentId_path_key" ON "section"("documentId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "task_key_key" ON "task"("key");

-- CreateIndex
CREATE INDEX "task_documentId_ordinal_idx" ON "task"("documentId", "ordinal");

-- CreateIndex
CREATE INDEX "task_sectionId_idx" ON "task"("sectionId");

-- CreateIndex
CREATE INDEX "task_currentStatus_idx" ON "task"("currentStatus");

-- CreateIndex
CREATE INDEX "task_nextDueDate_idx" ON "task"("nextDueDate");

-- CreateIndex
CREATE UNIQUE INDEX "task_documentId_number_key" ON "task"("documentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "department_name_key" ON "department"("name");

-- CreateIndex
CREATE UNIQUE INDEX "department_alias_alias_key" ON "department_alias"("alias");

-- CreateIndex
CREATE INDEX "department_alias_departmentId_idx" ON "department_alias"("departmentId");

-- CreateIndex
CREATE INDEX "task_assignment_departmentId_role_idx" ON "task_assignment"("departmentId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "task_assignment_taskId_departmentId_role_key" ON "task_assignment"("taskId", "departmentId", "role");

-- CreateIndex
CREATE INDEX "milestone_dueDate_completedDate_idx" ON "milestone"("dueDate", "completedDate");

-- CreateIndex
CREATE UNIQUE INDEX "milestone_taskId_ordinal_key" ON "milestone"("taskId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_key_key" ON "indicator"("key");

-- CreateIndex
CREATE INDEX "indicator_area_idx" ON "indicator"("area");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_synonym_synonym_key" ON "indicator_synonym"("synonym");

-- CreateIndex
CREATE INDEX "indicator_synonym_indicatorId_idx" ON "indicator_synonym"("indicatorId");

-- CreateIndex
CREATE INDEX "task_indicator_indicatorId_idx" ON "task_indicator"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_target_key_key" ON "indicator_target"("key");

-- CreateIndex
CREATE INDEX "indicator_target_indicatorId_dueDate_idx" ON "indicator_target"("indicatorId", "dueDate");

-- CreateIndex
CREATE INDEX "indicator_target_documentId_idx" ON "indicator_target"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_baseline_key_key" ON "indicator_baseline"("key");

-- CreateIndex
CREATE INDEX "indicator_baseline_indicatorId_asOf_idx" ON "indicator_baseline"("indicatorId", "asOf");

-- CreateIndex
CREATE UNIQUE INDEX "observation_supersedesId_key" ON "observation"("supersedesId");

-- CreateIndex
CREATE INDEX "observation_indicatorId_asOf_idx" ON "observation"("indicatorId", "asOf");

-- CreateIndex
CREATE INDEX "reporting_period_startDate_endDate_idx" ON "reporting_period"("startDate", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "reporting_period_year_index_key" ON "reporting_period"("year", "index");

-- CreateIndex
CREATE INDEX "task_update_periodId_reviewState_idx" ON "task_update"("periodId", "reviewState");

-- CreateIndex
CREATE INDEX "task_update_departmentId_periodId_idx" ON "task_update"("departmentId", "periodId");

-- CreateIndex
CREATE INDEX "task_update_taskId_createdAt_idx" ON "task_update"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "task_update_taskId_periodId_departmentId_version_key" ON "task_update"("taskId", "periodId", "departmentId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_storageKey_key" ON "evidence"("storageKey");

-- CreateIndex
CREATE INDEX "evidence_taskId_idx" ON "evidence"("taskId");

-- CreateIndex
CREATE INDEX "evidence_taskUpdateId_idx" ON "evidence"("taskUpdateId");

-- CreateIndex
CREATE INDEX "comment_taskId_createdAt_idx" ON "comment"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_oidcSubject_key" ON "app_user"("oidcSubject");

-- CreateIndex
CREATE INDEX "app_user_departmentId_idx" ON "app_user"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_tokenHash_key" ON "api_token"("tokenHash");

-- CreateIndex
CREATE INDEX "api_token_userId_idx" ON "api_token"("userId");

-- CreateIndex
CREATE INDEX "login_attempt_username_createdAt_idx" ON "login_attempt"("username", "createdAt");

-- CreateIndex
CREATE INDEX "login_attempt_ip_createdAt_idx" ON "login_attempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_entityType_entityId_at_idx" ON "audit_log"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "audit_log_actorId_at_idx" ON "audit_log"("actorId", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE UNIQUE INDEX "bulletin_periodId_version_key" ON "bulletin"("periodId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "bulletin_file_bulletinId_format_key" ON "bulletin_file"("bulletinId", "format");

-- AddForeignKey
ALTER TABLE "document_source_file" ADD CONSTRAINT "document_source_file_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_sourceFileId_fkey" FOREIGN KEY ("sourceFileId") REFERENCES "document_source_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_sourceFileId_fkey" FOREIGN KEY ("sourceFileId") REFERENCES "document_source_file"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_unitsSourceFileId_fkey" FOREIGN KEY ("unitsSourceFileId") REFERENCES "document_source_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_alias" ADD CONSTRAINT "department_alias_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignment" ADD CONSTRAINT "task_assignment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_sourceFileId_fkey" FOREIGN KEY ("sourceFileId") REFERENCES "document_source_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_synonym" ADD CONSTRAINT "indicator_synonym_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_indicator" ADD CONSTRAINT "task_indicator_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_indicator" ADD CONSTRAINT "task_indicator_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_sourceFileId_fkey" FOREIGN KEY ("sourceFileId") REFERENCES "document_source_file"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_baseline" ADD CONSTRAINT "indicator_baseline_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_baseline" ADD CONSTRAINT "indicator_baseline_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_baseline" ADD CONSTRAINT "indicator_baseline_sourceFileId_fkey" FOREIGN KEY ("sourceFileId") REFERENCES "document_source_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation" ADD CONSTRAINT "observation_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "observation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reporting_period" ADD CONSTRAINT "reporting_period_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_update" ADD CONSTRAINT "task_update_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_update" ADD CONSTRAINT "task_update_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "reporting_period"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_update" ADD CONSTRAINT "task_update_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_update" ADD CONSTRAINT "task_update_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_taskUpdateId_fkey" FOREIGN KEY ("taskUpdateId") REFERENCES "task_update"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_taskUpdateId_fkey" FOREIGN KEY ("taskUpdateId") REFERENCES "task_update"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulletin" ADD CONSTRAINT "bulletin_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "reporting_period"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulletin" ADD CONSTRAINT "bulletin_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulletin" ADD CONSTRAINT "bulletin_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulletin_file" ADD CONSTRAINT "bulletin_file_bulletinId_fkey" FOREIGN KEY ("bulletinId") REFERENCES "bulletin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

