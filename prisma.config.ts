import "dotenv/config"; // Prisma 7 no longer loads .env itself
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine; where that is impossible (air-gapped machines,
// this project's CI) it is pointed at scripts/prisma-schema-engine.mjs, which runs Prisma's own
// WebAssembly schema engine. A native engine, when installed, is preferred.
const root = path.dirname(fileURLToPath(import.meta.url));
const hasNativeSchemaEngine = ["node_modules/@prisma/engines", "node_modules/prisma"].some(
  (dir) => {
    try {
      return readdirSync(path.join(root, dir)).some((file) => file.startsWith("schema-engine-"));
    } catch {
      return false;
    }
  },
);
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts", "prisma-schema-engine.mjs");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  // Unset during `prisma generate` on a fresh install, where env() would refuse to go on.
  datasource: {
    url: process.env.DATABASE_URL ?? "",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
