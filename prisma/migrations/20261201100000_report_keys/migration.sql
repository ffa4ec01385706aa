-- Sealed reports, third brick (issue 15): each report's content key, sealed to the public key of
-- every organisation holding the report (the police at submission, each receiving organisation at
-- routing). A report's key goes with the report; an organisation key cannot be deleted while
-- anything is still sealed to it (rotation seals everything again first, lib/keys/reseal.ts).
CREATE TABLE "ReportKey" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "organizationKeyId" UUID NOT NULL,
    "sealed" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportKey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ReportKey_reportId_organizationKeyId_key" ON "ReportKey"("reportId", "organizationKeyId");
CREATE INDEX "ReportKey_organizationKeyId_idx" ON "ReportKey"("organizationKeyId");

ALTER TABLE "ReportKey" ADD CONSTRAINT "ReportKey_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReportKey" ADD CONSTRAINT "ReportKey_organizationKeyId_fkey" FOREIGN KEY ("organizationKeyId") REFERENCES "OrganizationKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
