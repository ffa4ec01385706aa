-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "fromReporter" BOOLEAN NOT NULL,
    "authorId" UUID,
    "organizationId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReporterSession" (
    "id" UUID NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "reportId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReporterSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Message_reportId_createdAt_idx" ON "Message"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_fromReporter_readAt_idx" ON "Message"("fromReporter", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReporterSession_tokenHash_key" ON "ReporterSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ReporterSession_expiresAt_idx" ON "ReporterSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReporterSession" ADD CONSTRAINT "ReporterSession_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
