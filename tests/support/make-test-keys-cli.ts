// For the browser tests (scripts/test.mjs, after seeding): makes the police's, Ključ's and
// Caritas's keys through their custodians (test-keys.ts), so the report form is open and the
// staff the tests create are granted their organisation's key. Filantropija's keys are left to
// tests/e2e/organization-keys.spec.ts, which makes them in the browser. Run with
// tsx --conditions=react-server tests/support/make-test-keys-cli.ts
import { db } from "@/lib/db";
import { makeTestKeys } from "./test-keys";

await makeTestKeys(["police", "kljuc", "caritas"]);
await db.$disconnect();
