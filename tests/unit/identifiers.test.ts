import { describe, expect, it } from "vitest";
import { extractIdentifiers, type IdentifierKind } from "@/lib/links/identifiers";

// Every way a person writes the same identifier must meet in one value; things that only look
// like one must not become one. The rules are written beside the code (lib/links/identifiers.ts).

const of = (kind: IdentifierKind, text: string) =>
  extractIdentifiers([text])
    .filter((identifier) => identifier.kind === kind)
    .map((identifier) => identifier.value);

function meets(kind: IdentifierKind, value: string, writings: string[]) {
  it(`${writings.length} writings of one ${kind} meet in ${value}`, () => {
    expect(writings.length).toBeGreaterThanOrEqual(12);
    for (const writing of writings)
      expect([writing, of(kind, writing)]).toEqual([writing, [value]]);
  });
}

function missesAll(kind: IdentifierKind, texts: string[]) {
  it(`near-misses are not a ${kind}`, () => {
    for (const text of texts) expect([text, of(kind, text)]).toEqual([text, []]);
  });
}

describe("phone numbers", () => {
  meets("phone", "+38641123456", [
    "041 123 456",
    "041123456",
    "041/123-456",
    "041-123-456",
    "041.123.456",
    "041 12 34 56",
    "+386 41 123456",
    "+386 41 123 456",
    "+386-41-123-456",
    "+386 (0)41 123 456",
    "0038641123456",
    "00 386 41 123 456",
    "pokličite ga na 041 123 456, ob večerih",
    "Телефон вербувальника: +386 41 123 456.",
  ]);
  it("finds a Ukrainian number written internationally, and several in one text", () => {
    expect(of("phone", "+380 67 123 4567")).toEqual(["+380671234567"]);
    expect(of("phone", "klic na 031-555-666 ali 040 111 222")).toEqual([
      "+38631555666",
      "+38640111222",
    ]);
  });
  missesAll("phone", [
    "12.03.2024",
    "12. 3. 2024 ob 14:30",
    "2024-03-12",
    "1000 Ljubljana",
    "041 123 45",
    "0101990500123",
    "plačali so mu 1.200 evrov",
    "SI56 2633 0001 2039 086",
    "LJ AB-123",
  ]);
});

describe("e-mail addresses", () => {
  meets("email", "marko.delo@gmail.com", [
    "marko.delo@gmail.com",
    "Marko.Delo@Gmail.com",
    "MARKO.DELO@GMAIL.COM",
    "piši na marko.delo@gmail.com!",
    "<marko.delo@gmail.com>",
    "(marko.delo@gmail.com)",
    "marko.delo (at) gmail (dot) com",
    "marko.delo[at]gmail[dot]com",
    "marko.delo [at] gmail [.] com",
    "marko.delo{at}gmail{dot}com",
    "marko.delo (afna) gmail (pika) com",
    "пошта: marko.delo@gmail.com.",
  ]);
  missesAll("email", [
    "@marko_delo",
    "marko.delo at gmail",
    "marko@localhost",
    "a@b",
    "@gmail.com",
  ]);
  it("keeps a Cyrillic local part as written", () => {
    expect(of("email", "олена@ukr.net")).toEqual(["олена@ukr.net"]);
  });
});

describe("web addresses and domains", () => {
  meets("web", "delo-v-tujini.si/oglas/123", [
    "https://delo-v-tujini.si/oglas/123",
    "http://delo-v-tujini.si/oglas/123",
    "https://www.delo-v-tujini.si/oglas/123",
    "www.delo-v-tujini.si/oglas/123",
    "delo-v-tujini.si/oglas/123",
    "HTTPS://DELO-V-TUJINI.SI/oglas/123",
    "https://delo-v-tujini.si/oglas/123/",
    "https://delo-v-tujini.si/oglas/123?utm_source=fb",
    "https://delo-v-tujini.si/oglas/123#kontakt",
    "oglas: https://delo-v-tujini.si/oglas/123.",
    "(https://delo-v-tujini.si/oglas/123)",
    "Оголошення тут: www.delo-v-tujini.si/oglas/123, дзвоніть",
  ]);
  it("indexes the domain of a site, but not of a mail provider or a classifieds site alone", () => {
    expect(of("domain", "https://www.delo-v-tujini.si/oglas/123")).toEqual(["delo-v-tujini.si"]);
    expect(of("domain", "poglej delo-v-tujini.si")).toEqual(["delo-v-tujini.si"]);
    expect(of("domain", "na bolha.com")).toEqual([]);
    expect(of("web", "https://www.bolha.com/oglas/12345")).toEqual(["bolha.com/oglas/12345"]);
  });
  missesAll("domain", ["d.o.o.", "npr. to", "ura je 10.30", "marko.delo@gmail.com", "s.p."]);
});

describe("social-media handles", () => {
  meets("handle", "marko_dela", [
    "@marko_dela",
    "@Marko_Dela",
    "@MARKO_DELA",
    "piši mu na @marko_dela.",
    "(@marko_dela)",
    "instagram.com/marko_dela",
    "https://www.instagram.com/marko_dela/",
    "https://instagram.com/marko_dela?igsh=abc",
    "t.me/marko_dela",
    "https://t.me/Marko_Dela",
    "tiktok.com/@marko_dela",
    "https://www.facebook.com/marko_dela",
    "Телеграм: @marko_dela",
  ]);
  missesAll("handle", [
    "marko@dela.si",
    "@ab",
    "https://www.facebook.com/share/abc",
    "https://t.me/",
    "cena @ 5 €",
  ]);
});

describe("vehicle plates", () => {
  meets("plate", "LJAB123", [
    "LJ AB-123",
    "LJ AB 123",
    "LJ-AB-123",
    "LJ AB123",
    "lj ab-123",
    "Lj Ab-123",
    "LJ  AB - 123",
    "LJ·AB-123",
    "LJ ⚜ AB-123",
    "LJ.AB.123",
    "črn avto, registrska LJ AB-123, parkiran za barom",
    "номер машини LJ AB-123",
  ]);
  it("reads Croatian, Italian, Hungarian and Austrian plates", () => {
    expect(of("plate", "ZG 1234-AB")).toEqual(["ZG1234AB"]);
    expect(of("plate", "ČK 123-A")).toEqual(["ČK123A"]);
    expect(of("plate", "AB 123 CD")).toEqual(["AB123CD"]);
    expect(of("plate", "ABC-123")).toEqual(["ABC123"]);
    expect(of("plate", "AA BB-123")).toEqual(["AABB123"]);
    expect(of("plate", "G 123 AB")).toEqual(["G123AB"]);
    expect(of("plate", "KL 12 AB")).toEqual(["KL12AB"]);
  });
  missesAll("plate", [
    "LJ 2024",
    "MB ABC",
    "Ljubljana 2024",
    "avto je bil bel",
    "ab 123 cd",
    "CELJE 12",
    "KRANJ 123",
    "LJAB123 (no gap after the area: too like a word)",
    "ob 12:30",
  ]);
});

describe("IBANs", () => {
  meets("iban", "SI56263300012039086", [
    "SI56 2633 0001 2039 086",
    "SI56263300012039086",
    "SI56 26330001 2039086",
    "račun SI56 2633 0001 2039 086.",
    "IBAN: SI56 2633 0001 2039 086",
    "(SI56 2633 0001 2039 086)",
    "SI56 2633 0001 2039 086, BIC LJBASI2X",
    "nakazilo na SI56263300012039086 vsak mesec",
    "рахунок SI56 2633 0001 2039 086",
    "SI56 2633 0001 2039 086\n",
    "\tSI56 2633 0001 2039 086",
    "SI56 2633 0001 2039 086 — Marko",
  ]);
  it("reads IBANs of other countries", () => {
    expect(of("iban", "DE89 3704 0044 0532 0130 00")).toEqual(["DE89370400440532013000"]);
    expect(of("iban", "UA21 3223 1300 0002 6007 2335 6600 1")).toEqual([
      "UA213223130000026007233566001",
    ]);
  });
  missesAll("iban", [
    "SI57 2633 0001 2039 086",
    "SI56 2633 0001 2039 08",
    "XX00 1234 5678",
    "ABCD EFGH",
  ]);
});

describe("all kinds together", () => {
  it("finds each once, across texts, with nothing read twice as another kind", () => {
    const found = extractIdentifiers([
      "Marko (041 123 456, marko.delo@gmail.com, @marko_dela) vozi LJ AB-123.",
      "Plačilo na SI56 2633 0001 2039 086. Oglas: https://delo-v-tujini.si/oglas/123",
      null,
      "Spet on: +386 41 123 456",
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: "phone", value: "+38641123456" },
        { kind: "email", value: "marko.delo@gmail.com" },
        { kind: "handle", value: "marko_dela" },
        { kind: "plate", value: "LJAB123" },
        { kind: "iban", value: "SI56263300012039086" },
        { kind: "web", value: "delo-v-tujini.si/oglas/123" },
        { kind: "domain", value: "delo-v-tujini.si" },
      ]),
    );
    expect(found).toHaveLength(7);
  });
});
