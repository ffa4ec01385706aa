-- Statistics (lib/statistics/query-statistics.ts): every column the statistics read, with the
-- period (createdAt) first, so their scans are index-only and never read the wide encrypted rows.
CREATE INDEX "Report_statistics_idx" ON "Report"("createdAt", "status", "region", "minors", "reporterRole", "locale", "forms", "firstSeenAt", "closedAt", "id");
