import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { listOrganizations } from "@/lib/organizations/list-organizations";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";

const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});

beforeEach(resetDatabase);
afterAll(() => prisma.$disconnect());

describe("seed", () => {
  it("creates the four organisations with names in all three languages and seed 003's numbers", async () => {
    expect(await seedOrganizations(prisma)).toBe(4);
    const orgs = await prisma.organization.findMany({ orderBy: { sortOrder: "asc" } });
    expect(orgs.map((o) => o.slug)).toEqual(["police", "kljuc", "caritas", "filantropija"]);
    for (const org of orgs) {
      expect(org.nameSl && org.nameEn && org.nameUk).toBeTruthy();
      expect(org.notificationEmail).toBeNull();
    }
    const numbers = orgs.flatMap((o) => (o.phones as { number: string }[]).map((p) => p.number));
    expect(numbers).toEqual(
      expect.arrayContaining([
        "113",
        "080 12 00",
        "080 17 22",
        "+386 1 300 59 60",
        "+386 31 470 151",
        "+386 1 430 12 88",
      ]),
    );
    expect(orgs[0]!.onlineFormUrl).toContain("e-uprava.gov.si");
  });

  it("runs again without duplicating or overwriting an administrator's edit", async () => {
    await seedOrganizations(prisma);
    await prisma.organization.update({
      where: { slug: "kljuc" },
      data: { email: "edited@example.org" },
    });
    expect(await seedOrganizations(prisma)).toBe(0);
    expect(await prisma.organization.count()).toBe(4);
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: "kljuc" } })).email).toBe(
      "edited@example.org",
    );
  });

  it("lists organisations for staff pages in the directory's order, as an administrator set it", async () => {
    await seedOrganizations(prisma);
    await prisma.organization.update({ where: { slug: "filantropija" }, data: { sortOrder: -1 } });
    expect((await listOrganizations()).map((o) => o.slug)).toEqual([
      "filantropija",
      "police",
      "kljuc",
      "caritas",
    ]);
  });
});
