-- CreateTable
CREATE TABLE "RateLimitSecret" (
    "hour" INTEGER NOT NULL,
    "secret" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitSecret_pkey" PRIMARY KEY ("hour")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "id" CHAR(22) NOT NULL,
    "hour" INTEGER NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "updatedMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_hour_idx" ON "RateLimitBucket"("hour");
