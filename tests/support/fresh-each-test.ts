import { afterAll, beforeEach } from "vitest";
import { db } from "@/lib/db";
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
