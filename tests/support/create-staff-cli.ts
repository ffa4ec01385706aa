// For the browser tests: creates a real staff account (invited, password set, TOTP enrolled unless
// --unenrolled) and prints { email, password, secret } as JSON. Run with
// tsx --conditions=react-server tests/support/create-staff-cli.ts ROLE [organization-slug] [--unenrolled] [--no-keys]
// The member is granted their organisation's key when the test keys made it (test-keys.ts), unless --no-keys.
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { createStaff, staffPassword } from "./staff";

const [role, organization] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const person = await createStaff(role as Role, {
  organization,
  enrolled: !process.argv.includes("--unenrolled"),
  keys: !process.argv.includes("--no-keys"),
});
console.log(
  JSON.stringify({ email: person.email, password: staffPassword, secret: person.secret ?? null }),
);
await db.$disconnect();
