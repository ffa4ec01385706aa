-- Notes to a referral's organisation (issue 14): a note is its own action on the referral, never
-- part of routing. Existing notes stay the report's internal notes (referralId NULL).
ALTER TABLE "Note" ADD COLUMN "referralId" UUID;
CREATE INDEX "Note_referralId_createdAt_idx" ON "Note"("referralId", "createdAt");
ALTER TABLE "Note" ADD CONSTRAINT "Note_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
