-- Sealed reports, conversations and notes (issue 15): each organisation's conversation with the
-- reporter, its internal notes and the notes on its referral get a key of their own, sealed to
-- that organisation (the notes on a referral also to the police, a conversation also to the
-- reporter's key, derived from the receipt). Rotation seals the organisation copies again first
-- (lib/keys/reseal.ts): the foreign key restricts deleting an organisation key still in use.
ALTER TABLE "Report" ADD COLUMN "reporterPublicKey" BYTEA,
ADD COLUMN "reporterKeySalt" BYTEA;

ALTER TABLE "ReporterSession" ADD COLUMN "reporterKey" BYTEA;

CREATE TABLE "ThreadKey" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "purpose" VARCHAR(16) NOT NULL,
    "recipient" VARCHAR(36) NOT NULL,
    "organizationKeyId" UUID,
    "sealed" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadKey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ThreadKey_reportId_organizationId_purpose_recipient_key" ON "ThreadKey"("reportId", "organizationId", "purpose", "recipient");
CREATE INDEX "ThreadKey_organizationKeyId_idx" ON "ThreadKey"("organizationKeyId");

ALTER TABLE "ThreadKey" ADD CONSTRAINT "ThreadKey_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ThreadKey" ADD CONSTRAINT "ThreadKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ThreadKey" ADD CONSTRAINT "ThreadKey_organizationKeyId_fkey" FOREIGN KEY ("organizationKeyId") REFERENCES "OrganizationKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
