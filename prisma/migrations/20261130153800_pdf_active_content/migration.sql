-- PDFs: the kinds of active content the parser found, and the page count (lib/attachments/pdf-scan.mjs).
-- Files stored before this have none recorded; the staff page offers them the safe copy all the same.
ALTER TABLE "Attachment" ADD COLUMN "activeContent" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Attachment" ADD COLUMN "pageCount" INTEGER;
