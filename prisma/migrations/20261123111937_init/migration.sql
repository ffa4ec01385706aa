-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('NEW', 'IN_TRIAGE', 'REFERRED', 'CLOSED', 'SPAM');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "TriState" AS ENUM ('YES', 'NO', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('POLICE', 'NGO');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('REPORTER', 'STAFF', 'SYSTEM');

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "receiptHash" CHAR(64) NOT NULL,
    "submissionId" UUID NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'NEW',
    "urgency" "Urgency" NOT NULL,
    "urgencyReasons" TEXT[],
    "suggestedRoute" TEXT[],
    "routeReasons" TEXT[],
    "forms" TEXT[],
    "indicators" TEXT[],
    "region" VARCHAR(32) NOT NULL,
    "whenPeriod" VARCHAR(16) NOT NULL,
    "whenDate" DATE,
    "peopleCount" VARCHAR(16) NOT NULL,
    "minors" "TriState" NOT NULL,
    "immediateDanger" "TriState" NOT NULL,
    "reporterRole" VARCHAR(16) NOT NULL,
    "placeDetails" TEXT,
    "description" TEXT NOT NULL,
    "contact" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(32) NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "nameSl" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameUk" TEXT NOT NULL,
    "email" TEXT,
    "notificationEmail" TEXT,
    "phones" JSONB NOT NULL DEFAULT '[]',
    "website" TEXT,
    "onlineFormUrl" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" UUID,
    "action" VARCHAR(64) NOT NULL,
    "reportId" UUID,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_number_key" ON "Report"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Report_receiptHash_key" ON "Report"("receiptHash");

-- CreateIndex
CREATE UNIQUE INDEX "Report_submissionId_key" ON "Report"("submissionId");

-- CreateIndex
CREATE INDEX "Report_status_urgency_createdAt_idx" ON "Report"("status", "urgency", "createdAt");

-- CreateIndex
CREATE INDEX "Report_createdAt_idx" ON "Report"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "AuditEvent_reportId_createdAt_idx" ON "AuditEvent"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;
