-- Linked reports (issue 16, lib/links): keyed blind indexes of the identifiers reports name, the
-- index key sealed to the police's organisation key, identifiers waiting sealed until a triage
-- session indexes them, and the decisions on possible links. No identifier is stored in plaintext.
CREATE TYPE "ReportLinkStatus" AS ENUM ('CONFIRMED', 'DISMISSED');

CREATE TABLE "LinkIndexKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "organizationKeyId" UUID NOT NULL,
    "sealedKey" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkIndexKey_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WaitingReportIdentifiers" (
    "reportId" UUID NOT NULL,
    "organizationKeyId" UUID NOT NULL,
    "sealedKey" BYTEA NOT NULL,
    "payload" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WaitingReportIdentifiers_pkey" PRIMARY KEY ("reportId")
);

CREATE TABLE "ReportIdentifier" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "digest" BYTEA NOT NULL,
    "addedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportIdentifier_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ReportLink" (
    "id" UUID NOT NULL,
    "firstId" UUID NOT NULL,
    "secondId" UUID NOT NULL,
    "status" "ReportLinkStatus" NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportLink_pkey" PRIMARY KEY ("id"),
    -- One row per pair, whichever report's page the decision was taken on.
    CONSTRAINT "ReportLink_ordered_pair" CHECK ("firstId" < "secondId")
);

CREATE UNIQUE INDEX "LinkIndexKey_organizationId_key" ON "LinkIndexKey"("organizationId");
CREATE INDEX "LinkIndexKey_organizationKeyId_idx" ON "LinkIndexKey"("organizationKeyId");
CREATE INDEX "WaitingReportIdentifiers_organizationKeyId_idx" ON "WaitingReportIdentifiers"("organizationKeyId");
CREATE INDEX "WaitingReportIdentifiers_createdAt_idx" ON "WaitingReportIdentifiers"("createdAt");
CREATE UNIQUE INDEX "ReportIdentifier_reportId_digest_key" ON "ReportIdentifier"("reportId", "digest");
CREATE INDEX "ReportIdentifier_digest_idx" ON "ReportIdentifier"("digest");
CREATE UNIQUE INDEX "ReportLink_firstId_secondId_key" ON "ReportLink"("firstId", "secondId");
CREATE INDEX "ReportLink_secondId_idx" ON "ReportLink"("secondId");

-- Sealed to an organisation key: deleting the key must fail while a row is still sealed to it
-- (lib/keys/reseal.ts moves the rows first), never take the rows with it.
ALTER TABLE "LinkIndexKey" ADD CONSTRAINT "LinkIndexKey_organizationKeyId_fkey" FOREIGN KEY ("organizationKeyId") REFERENCES "OrganizationKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WaitingReportIdentifiers" ADD CONSTRAINT "WaitingReportIdentifiers_organizationKeyId_fkey" FOREIGN KEY ("organizationKeyId") REFERENCES "OrganizationKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WaitingReportIdentifiers" ADD CONSTRAINT "WaitingReportIdentifiers_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReportIdentifier" ADD CONSTRAINT "ReportIdentifier_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReportLink" ADD CONSTRAINT "ReportLink_firstId_fkey" FOREIGN KEY ("firstId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReportLink" ADD CONSTRAINT "ReportLink_secondId_fkey" FOREIGN KEY ("secondId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
