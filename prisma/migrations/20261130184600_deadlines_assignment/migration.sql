-- Deadlines and assignment (issue 14): the first look by triage, who has taken a report or a
-- referral, and one row per deadline notice sent, unique per item, deadline and stage.
ALTER TABLE "Report" ADD COLUMN "firstSeenAt" TIMESTAMP(3);
ALTER TABLE "Report" ADD COLUMN "firstSeenById" UUID;
ALTER TABLE "Report" ADD COLUMN "assigneeId" UUID;
ALTER TABLE "Report" ADD COLUMN "assignedAt" TIMESTAMP(3);
ALTER TABLE "Report" ADD CONSTRAINT "Report_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Report_assigneeId_idx" ON "Report"("assigneeId");

ALTER TABLE "Referral" ADD COLUMN "assigneeId" UUID;
ALTER TABLE "Referral" ADD COLUMN "assignedAt" TIMESTAMP(3);
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Referral_assigneeId_idx" ON "Referral"("assigneeId");

-- Reports a triage officer has already opened keep that first look (the earliest "report.viewed"
-- by someone who is a triage officer today), so no reminder goes out for them after the upgrade.
UPDATE "Report" r SET "firstSeenAt" = seen.at, "firstSeenById" = seen.actor
FROM (
  SELECT DISTINCT ON (a."reportId") a."reportId", a."createdAt" AS at, a."actorId" AS actor
  FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorId" AND u.role = 'TRIAGE'
  WHERE a.action = 'report.viewed' AND a."reportId" IS NOT NULL
  ORDER BY a."reportId", a."createdAt"
) seen
WHERE seen."reportId" = r.id;

CREATE TABLE "DeadlineNotice" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "subjectId" UUID NOT NULL,
    "stage" VARCHAR(16) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeadlineNotice_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DeadlineNotice_kind_subjectId_stage_key" ON "DeadlineNotice"("kind", "subjectId", "stage");
CREATE INDEX "DeadlineNotice_reportId_idx" ON "DeadlineNotice"("reportId");
ALTER TABLE "DeadlineNotice" ADD CONSTRAINT "DeadlineNotice_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
