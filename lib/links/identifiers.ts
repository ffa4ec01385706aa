import { findPhoneNumbersInText } from "libphonenumber-js/max";
import { electronicFormatIBAN, isValidIBAN } from "ibantools";

// Identifiers that tie reports together (issue 16, "linked reports"): the same recruiter's phone,
// e-mail, advertisement, profile, car or bank account written down by different people months
// apart. Each is normalised first, so that every way of writing it meets in one value; only a
// keyed blind index of (kind, value) is ever stored, never the value (SECURITY.md).
//
// The rules, kind by kind:
//   phone   libphonenumber-js with its full metadata, Slovenia as the default region, only numbers
//           valid for their country; E.164 ("+38641123456"). "041 123 456", "+386 41 123456",
//           "00386 41 123 456" and "041/123-456" meet. Dates are removed first ("12.03.2024" would
//           otherwise be a valid Ljubljana number), and so are IBANs (their digits too).
//   email   local@domain, lowercased; "name (at) domain (dot) com" and "[at]/[dot]" unmasked first.
//   web     an address with a scheme or "www.", or a bare domain with a path: host without "www.",
//           lowercased, and path without a trailing slash; query and fragment dropped (tracking,
//           not identity). A domain alone is indexed as "domain" unless it is a large platform
//           (facebook.com, t.me, …), where only the profile or page in the path identifies anyone.
//   handle  "@name" standing alone, and profiles on the platforms below ("instagram.com/name",
//           "t.me/name", "tiktok.com/@name"): lowercased, without "@", so "@Marko_Dela" in one
//           report and "instagram.com/marko_dela" in another meet. The part of an e-mail before
//           "@" is never a handle.
//   plate   Slovene plates (registration area, then four or five letters and digits: "LJ AB-123",
//           "MB 12-34A"), Croatian ("ZG 1234-AB"), Italian ("AB 123 CD"), Hungarian ("ABC-123",
//           "AA BB-123") and Austrian plates of the districts along the border ("G 123 AB",
//           "KL 12 AB"): uppercase with every space, dash, dot and the coat of arms between the
//           parts removed ("LJAB123"). The area codes are listed, so ordinary words are not plates.
//   iban    ibantools: checksum and country length checked, electronic format ("SI56…").

export type IdentifierKind = "phone" | "email" | "web" | "domain" | "handle" | "plate" | "iban";
export type Identifier = { kind: IdentifierKind; value: string };

const platforms = new Map<string, "path" | "at-path">([
  ["facebook.com", "path"],
  ["fb.com", "path"],
  ["m.facebook.com", "path"],
  ["instagram.com", "path"],
  ["t.me", "path"],
  ["telegram.me", "path"],
  ["tiktok.com", "at-path"],
  ["x.com", "path"],
  ["twitter.com", "path"],
  ["vk.com", "path"],
  ["ok.ru", "path"],
  ["linkedin.com", "path"],
  ["youtube.com", "at-path"],
  ["wa.me", "path"],
]);
// Sites so many people mention that the domain alone links nothing: mail providers, search,
// classifieds (an advertisement's address, with its path, still counts as "web").
const commonDomains = new Set([
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "icloud.com",
  "siol.net",
  "t-2.net",
  "amis.net",
  "google.com",
  "bolha.com",
  "nepremicnine.net",
  "mojedelo.com",
  "olx.ua",
  "ukr.net",
  "mail.ru",
]);
// Paths on those platforms that are pages of the platform, not somebody's profile.
const platformPages = new Set(["share", "sharer", "groups", "watch", "p", "reel", "events", "in"]);

/** Every identifier in the texts, normalised, each (kind, value) once, in order of appearance. */
export function extractIdentifiers(texts: ReadonlyArray<string | null | undefined>): Identifier[] {
  const found = new Map<string, Identifier>();
  const add = (kind: IdentifierKind, value: string) => {
    if (value) found.set(`${kind}:${value}`, { kind, value });
  };
  for (const raw of texts) {
    if (!raw) continue;
    const text = unmaskEmails(raw.normalize("NFKC"));
    let rest = text;

    for (const match of text.matchAll(ibanPattern)) {
      const iban = electronicFormatIBAN(match[0]);
      if (iban && isValidIBAN(iban)) {
        add("iban", iban);
        rest = rest.replace(match[0], " ");
      }
    }

    for (const match of rest.matchAll(emailPattern)) {
      add("email", match[0].toLowerCase());
      rest = rest.replace(match[0], " ");
    }

    for (const match of rest.matchAll(urlPattern)) {
      for (const identifier of webIdentifiers(match[0])) add(identifier.kind, identifier.value);
      rest = rest.replace(match[0], " ");
    }

    for (const match of rest.matchAll(handlePattern)) add("handle", match[1]!.toLowerCase());

    for (const plate of plates(rest)) add("plate", plate);

    const withoutDates = rest.replace(datePattern, " ");
    for (const phone of findPhoneNumbersInText(withoutDates, { defaultCountry: "SI" }))
      if (phone.number.isValid()) add("phone", phone.number.number);
  }
  return [...found.values()];
}

// --- e-mail ---------------------------------------------------------------------------------

const emailPattern = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;

/** "ime (at) domena (dot) si", "ime[at]domena[.]si", "ime at domena dot si" → "ime@domena.si". */
function unmaskEmails(text: string): string {
  return text
    .replace(/\s*[([{]\s*(?:at|afna)\s*[)\]}]\s*/giu, "@")
    .replace(/\s*[([{]\s*(?:dot|pika|\.)\s*[)\]}]\s*/giu, ".");
}

// --- web addresses, domains and profiles ----------------------------------------------------

const urlPattern =
  /(?:https?:\/\/|www\.)[^\s<>"'()]+|\b(?:[a-z0-9-]+\.)+(?:[a-z]{2,})\/[^\s<>"'()]*|\b(?:[a-z0-9-]+\.)+(?:si|com|net|org|hr|at|it|hu|de|ua|ru|eu|info|biz|me|io|co|rs|ba)\b/giu;

function webIdentifiers(address: string): Identifier[] {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(address) ? address : `https://${address}`);
  } catch {
    return [];
  }
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  if (!host.includes(".")) return [];
  const path = url.pathname.replace(/[.,;:!?]+$/, "").replace(/\/+$/, "");
  const platform = platforms.get(host);
  if (platform) {
    const first = path.split("/").filter(Boolean)[0] ?? "";
    const name = platform === "at-path" ? first.replace(/^@/, "") : first;
    if (!name || platformPages.has(name.toLowerCase()) || !handleBody.test(name)) return [];
    return [{ kind: "handle", value: name.toLowerCase() }];
  }
  const identifiers: Identifier[] = commonDomains.has(host)
    ? []
    : [{ kind: "domain", value: host }];
  if (path) identifiers.push({ kind: "web", value: `${host}${path.toLowerCase()}` });
  return identifiers;
}

// --- handles --------------------------------------------------------------------------------

const handleBody = /^[a-z0-9_.]{3,32}$/i;
// "@" at the start or after a space or bracket (never inside an e-mail), 3–32 letters, digits,
// "_" or "."; a trailing "." ends a sentence, not the handle.
const handlePattern = /(?<![\p{L}\p{N}_.@])@([a-z0-9_](?:[a-z0-9_.]{1,30}[a-z0-9_]))/giu;

// --- vehicle plates -------------------------------------------------------------------------

const slovene = "LJ|KR|KP|GO|NM|CE|SG|MB|MS|KK|PO";
const croatian =
  "ZG|ST|RI|OS|ZD|PU|SB|KA|VŽ|VZ|ČK|CK|SK|BJ|PŽ|PZ|VK|VU|DU|ŠI|SI|MA|KŽ|KZ|NA|GS|OG|IM|KC|KT|PS|VT|ĐA|DA|BM|DJ|KN|NG|ZU";
// Austrian districts along the Slovene border, and the state capitals.
const austrian = "W|G|GU|K|KL|VL|VK|VI|SP|WO|LB|DL|RA|FB|SO|HF|WZ|FF|JU|MU|LE|BM|HB|GS|L|S|I|IL";
// Between the parts people write spaces, dashes, dots, or the coat of arms as a symbol.
const gap = "[\\s\\-.·•⚜]*";
// Letters and digits around a plate end it: "\b" does not see Č, Š, Ž or Đ as letters.
const bounded = (body: string, flags: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);

const platePatterns = [
  // Slovenia: area, then 4–5 letters and digits, usually with one dash ("AB-123", "12-34A").
  // Letters right after the area need a gap before them, or "CELJE 12" would be CE LJE-12.
  bounded(
    `(${slovene})(?:[\\s\\-.·•⚜]+([A-Z][A-Z0-9]{0,2})|${gap}(\\d[A-Z0-9]{0,2}))${gap}([A-Z0-9]{2,3})`,
    "giu",
  ),
  // Croatia: area, 3–4 digits, 1–2 letters.
  bounded(`(${croatian})${gap}(\\d{3,4})${gap}([A-ZČĆŠŽĐ]{1,2})`, "giu"),
  // Italy: two letters, three digits, two letters; capitals only, as plates are written.
  bounded(`([A-Z]{2})[\\s-]*(\\d{3})[\\s-]*([A-Z]{2})`, "gu"),
  // Hungary: "ABC-123" (until 2022) and "AA BB-123".
  bounded(`([A-Z]{3})-(\\d{3})`, "gu"),
  bounded(`([A-Z]{2})[\\s-]+([A-Z]{2})-(\\d{3})`, "gu"),
  // Austria: district, 1–5 digits, 1–3 letters.
  bounded(`(${austrian})${gap}(\\d{1,5})${gap}([A-Z]{1,3})`, "gu"),
];

function plates(text: string): string[] {
  const found: string[] = [];
  for (const pattern of platePatterns) {
    for (const match of text.matchAll(pattern)) {
      const value = match
        .slice(1)
        .filter(Boolean)
        .join("")
        .toUpperCase()
        .replace(/[^\p{L}\p{N}]/gu, "");
      // A plate has digits, and letters after its area code: "LJ 2024" is a year, not a car.
      if (/\d/.test(value) && /\p{L}/u.test(value.slice(2))) found.push(value);
    }
  }
  return found;
}

// --- what must not be read as a phone number --------------------------------------------------

const datePattern =
  /\b\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b/gu;

const ibanPattern = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b/gu;
