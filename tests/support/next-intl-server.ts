import { createFormatter, createTranslator } from "next-intl";
import en from "@/messages/en.json";
import sl from "@/messages/sl.json";
import uk from "@/messages/uk.json";
import { formats, timeZone } from "@/lib/i18n/formats";

// next-intl/server outside a Next.js request, for data-layer tests of code that writes words
// (e-mails, case files): the real message files, time zone and formats, with an explicit locale.
// Use as `vi.mock("next-intl/server", () => import("../support/next-intl-server"))`.

const messages = { sl, en, uk };
type Locale = keyof typeof messages;
const pick = (locale: string): Locale => (locale in messages ? (locale as Locale) : "sl");

export async function getLocale() {
  return "sl";
}

export async function getMessages({ locale }: { locale: string }) {
  return messages[pick(locale)];
}

export async function getTranslations({
  locale,
  namespace,
}: {
  locale: string;
  namespace: string;
}) {
  return createTranslator({
    locale: pick(locale),
    messages: messages[pick(locale)],
    namespace: namespace as never,
    timeZone,
    formats,
  });
}

export async function getFormatter({ locale }: { locale: string }) {
  return createFormatter({ locale: pick(locale), timeZone, formats });
}
