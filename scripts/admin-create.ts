// npm run admin:create -- --email admin@example.org [--name "Ana Novak"] [--locale sl]
// Creates an administrator account and prints its one-time invitation link (valid 72 hours),
// also sent by e-mail. The link is how the first administrator sets a password and enrols TOTP.
import { parseArgs } from "node:util";
import { inviteStaff } from "@/lib/auth/invitations";
import { db } from "@/lib/db";
import { locales, type Locale } from "@/lib/i18n/routing";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    locale: { type: "string", default: "sl" },
  },
});

if (!values.email || !locales.includes(values.locale as Locale)) {
  console.error(
    'usage: npm run admin:create -- --email admin@example.org [--name "Name"] [--locale sl|en|uk]',
  );
  process.exit(2);
}

try {
  const { link } = await inviteStaff({
    email: values.email,
    name: values.name ?? values.email,
    role: "ADMIN",
    locale: values.locale as Locale,
  });
  console.log(`Administrator invited: ${values.email}\nOne-time link (valid 72 hours):\n${link}`);
} catch (error) {
  console.error(
    `Could not create the administrator: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
