-- Sign-in protection: the time of the last counted failure, the failed-attempts notice shown to
-- the owner once, and the last accepted TOTP time step (a code is accepted once).
ALTER TABLE "User" ADD COLUMN "lastFailedSignInAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "signInNoticeCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "signInNoticeLastAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "lastTotpStep" INTEGER;
