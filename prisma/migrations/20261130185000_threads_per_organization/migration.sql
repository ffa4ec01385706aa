-- Messages belong to one organisation's conversation with the reporter (issue 14): the police
-- (which triage works for) and each organisation the report was routed to. Only that
-- organisation reads the thread (lib/followup/threads.ts). Existing messages are placed thus:
--
--  * A staff message stays with its author's organisation (the column already held it); one
--    without an organisation was written by triage and goes to the police thread.
--  * A reporter's message goes to the thread of the latest staff message before it on the same
--    report (the question it most likely answers), or to the police thread when none came
--    before. It is not copied into every thread: its body is encrypted with associated data that
--    names its id, so a copy under another id would not decrypt, and a copy would show one
--    organisation's conversation to the others, which is what this change ends.
--  * Read state: until now the first staff member of any organisation to open a report marked
--    the reporter's messages read for everyone. A reporter's message placed in an organisation's
--    thread other than the police's is unread again unless that organisation has written in the
--    thread since: better an old answer flagged as new once than a new one never seen.
--
-- Bodies and their associated data are untouched: every stored message still decrypts.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Message" WHERE "organizationId" IS NULL)
     AND NOT EXISTS (SELECT 1 FROM "Organization" WHERE slug = 'police') THEN
    RAISE EXCEPTION 'Messages need the police organisation for their thread: seed the organisations first (npm run db:seed), then migrate again.';
  END IF;
END $$;

UPDATE "Message" m
SET "organizationId" = (SELECT id FROM "Organization" WHERE slug = 'police')
WHERE m."fromReporter" = false AND m."organizationId" IS NULL;

UPDATE "Message" m
SET "organizationId" = COALESCE(
  (SELECT s."organizationId" FROM "Message" s
   WHERE s."reportId" = m."reportId" AND s."fromReporter" = false AND s."createdAt" <= m."createdAt"
   ORDER BY s."createdAt" DESC, s.id DESC
   LIMIT 1),
  (SELECT id FROM "Organization" WHERE slug = 'police'))
WHERE m."fromReporter" = true AND m."organizationId" IS NULL;

UPDATE "Message" m
SET "readAt" = NULL
WHERE m."fromReporter" = true
  AND m."readAt" IS NOT NULL
  AND m."organizationId" <> (SELECT id FROM "Organization" WHERE slug = 'police')
  AND NOT EXISTS (
    SELECT 1 FROM "Message" s
    WHERE s."reportId" = m."reportId" AND s."organizationId" = m."organizationId"
      AND s."fromReporter" = false AND s."createdAt" > m."createdAt");

-- AlterTable
ALTER TABLE "Message" ALTER COLUMN "organizationId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Message_reportId_organizationId_createdAt_idx" ON "Message"("reportId", "organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
