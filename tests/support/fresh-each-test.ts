import { afterAll, beforeAll, beforeEach } from "vitest";
import { lockoutPolicy } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "./database";

/**
 * Each test of the calling file starts from an empty database and from the environment the file
 * began with (plus `overrides`), so a limit one test lowers never leaks into the next.
 */
export function freshDatabaseAndEnvironment(overrides: Record<string, string> = {}) {
  const saved = { ...process.env };
  beforeEach(async () => {
    process.env = { ...saved, ...overrides };
    await resetDatabase();
  });
  afterAll(async () => {
    process.env = saved;
    await db.$disconnect();
  });
}

/**
 * For files that sign staff in over and over: each test starts from an empty database with the
 * organisation directory, and sign-in answers without its floor (real in production, here it
 * would only make the suite slow; a test of the floor sets it itself).
 */
export function freshDirectoryWithoutAnswerFloor() {
  beforeAll(() => {
    lockoutPolicy.answerFloorMs = 0;
  });
  beforeEach(async () => {
    await resetDatabase();
    await seedOrganizations(db);
  });
  afterAll(() => db.$disconnect());
}
