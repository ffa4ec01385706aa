-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "reportId" UUID,
    "messageId" UUID,
    "pendingSubmissionId" UUID,
    "mediaType" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "metadataRemoved" BOOLEAN NOT NULL,
    "fileName" TEXT NOT NULL,
    "keyId" VARCHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_reportId_createdAt_idx" ON "Attachment"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_pendingSubmissionId_idx" ON "Attachment"("pendingSubmissionId");

-- CreateIndex
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A file belongs to a report or waits for one under a form's id: never both, never neither.
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_owner_check" CHECK (("reportId" IS NULL) <> ("pendingSubmissionId" IS NULL));
