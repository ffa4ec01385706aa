// Seeds what a new installation needs: the organisation directory. Safe to run on every start:
// it creates what is missing and leaves existing rows (and administrators' edits) alone.
import "dotenv/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { organizations } from "./organizations";

/** Takes any client that can write organisations (the app's own, with its omissions, included). */
export async function seedOrganizations(prisma: {
  organization: Pick<PrismaClient["organization"], "createMany">;
}): Promise<number> {
  let created = 0;
  for (const organization of organizations) {
    const result = await prisma.organization.createMany({
      data: [organization],
      skipDuplicates: true,
    });
    created += result.count;
  }
  return created;
}

async function main() {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
  });
  try {
    const created = await seedOrganizations(prisma);
    console.log(
      `[prijavi] seed: ${created} organisation(s) created, ${organizations.length - created} already present`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1]?.endsWith("seed.ts")) {
  main().catch((error) => {
    console.error("[prijavi] seed failed:", error);
    process.exit(1);
  });
}
