import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptedOmit } from "@/lib/crypto/encrypted-fields";

// The one Prisma client. Encrypted and secret columns are omitted unless a query asks for them by
// name, so a careless `findMany` cannot carry report content or receipt hashes anywhere.

function createClient() {
  const encrypted = encryptedOmit(); // lib/crypto/encrypted-fields.ts
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set (scripts/start.mjs sets it for the embedded database).",
    );
  }
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // A database that is down or unreachable must fail a request within seconds (the reporter
      // then sees "try again", with everything typed still there), never hang it.
      connectionTimeoutMillis: 5_000,
    }),
    omit: {
      ...encrypted,
      // Secret without being encrypted: a receipt hash and a form's one-time id.
      report: { ...encrypted.report, receiptHash: true, submissionId: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { prisma?: Db };

/** Created on first use, so building the app or serving static help pages needs no database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    globalForPrisma.prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.prisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.prisma) : value;
  },
});
