-- Linked reports: the lookup reads, per digest, the 51 most recent other reports sharing it
-- (lib/links/list-links.ts). With the creation time in the index, PostgreSQL stops after those 51
-- rows instead of reading and sorting every report that names a common identifier.
DROP INDEX "ReportIdentifier_digest_idx";
CREATE INDEX "ReportIdentifier_digest_createdAt_idx" ON "ReportIdentifier"("digest", "createdAt");
