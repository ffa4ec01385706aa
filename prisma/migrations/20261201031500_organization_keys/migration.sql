-- Sealed reports, second brick (issue 15): members' own key pairs, organisation key pairs, the
-- grants between them, and the per-session vault. Reports are not encrypted differently yet.
CREATE TABLE "MemberKey" (
    "userId" UUID NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "wrappedPrivateKey" BYTEA NOT NULL,
    "kdfSalt" BYTEA NOT NULL,
    "kdfMemoryKiB" INTEGER NOT NULL,
    "kdfIterations" INTEGER NOT NULL,
    "kdfParallelism" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberKey_pkey" PRIMARY KEY ("userId")
);

CREATE TABLE "OrganizationKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "recoveryWrappedPrivateKey" BYTEA NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "OrganizationKey_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OrganizationKeyGrant" (
    "id" UUID NOT NULL,
    "organizationKeyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "sealedPrivateKey" BYTEA NOT NULL,
    "grantedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationKeyGrant_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "KeyVault" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "sessionId" UUID,
    "sealed" BYTEA NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyVault_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "OrganizationKey_organizationId_version_key" ON "OrganizationKey"("organizationId", "version");
-- One current key per organisation, whatever two first members do at the same moment.
CREATE UNIQUE INDEX "OrganizationKey_current_key" ON "OrganizationKey"("organizationId") WHERE "retiredAt" IS NULL;
CREATE UNIQUE INDEX "OrganizationKeyGrant_organizationKeyId_userId_key" ON "OrganizationKeyGrant"("organizationKeyId", "userId");
CREATE INDEX "OrganizationKeyGrant_userId_idx" ON "OrganizationKeyGrant"("userId");
CREATE UNIQUE INDEX "KeyVault_sessionId_key" ON "KeyVault"("sessionId");
CREATE INDEX "KeyVault_expiresAt_idx" ON "KeyVault"("expiresAt");

ALTER TABLE "MemberKey" ADD CONSTRAINT "MemberKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OrganizationKey" ADD CONSTRAINT "OrganizationKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OrganizationKeyGrant" ADD CONSTRAINT "OrganizationKeyGrant_organizationKeyId_fkey" FOREIGN KEY ("organizationKeyId") REFERENCES "OrganizationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OrganizationKeyGrant" ADD CONSTRAINT "OrganizationKeyGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "KeyVault" ADD CONSTRAINT "KeyVault_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "KeyVault" ADD CONSTRAINT "KeyVault_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
