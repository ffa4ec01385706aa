// The organisation directory as first seeded, from the Slovenian government's anti-trafficking
// pages (shared/seeds/003). Administrators edit it in the app afterwards; the seed never
// overwrites their edits.

type PhoneKind = "emergency" | "anonymous" | "tollFree" | "office" | "hotline";
export type Phone = {
  number: string;
  kind: PhoneKind;
  hours?: { sl: string; en: string; uk: string };
};

export type OrganizationSeed = {
  slug: "police" | "kljuc" | "caritas" | "filantropija";
  kind: "POLICE" | "NGO";
  nameSl: string;
  nameEn: string;
  nameUk: string;
  email: string | null;
  phones: Phone[];
  website: string | null;
  onlineFormUrl: string | null;
  sortOrder: number;
};

export const organizations: OrganizationSeed[] = [
  {
    slug: "police",
    kind: "POLICE",
    nameSl: "Policija",
    nameEn: "Police",
    nameUk: "Поліція Словенії (Policija)",
    email: null,
    phones: [
      { number: "113", kind: "emergency" },
      { number: "080 12 00", kind: "anonymous" },
    ],
    website: null,
    onlineFormUrl:
      "https://e-uprava.gov.si/si/podrocja/drzava-druzba/kazniva-dejanja/prijava-trgovine-z-ljudmi",
    sortOrder: 1,
  },
  {
    slug: "kljuc",
    kind: "NGO",
    nameSl: "Društvo Ključ – Center za boj proti trgovini z ljudmi",
    nameEn: "Ključ Society – Centre for Combating Trafficking in Human Beings",
    nameUk: "Товариство «Ключ» (Društvo Ključ) – Центр протидії торгівлі людьми",
    email: "info@drustvo-kljuc.si",
    phones: [
      {
        number: "080 17 22",
        kind: "tollFree",
        hours: {
          sl: "ob delavnikih od 9.00 do 13.00",
          en: "workdays 9:00–13:00",
          uk: "у робочі дні з 9:00 до 13:00",
        },
      },
    ],
    website: "https://www.drustvo-kljuc.si",
    onlineFormUrl: null,
    sortOrder: 2,
  },
  {
    slug: "caritas",
    kind: "NGO",
    nameSl: "Slovenska karitas",
    nameEn: "Caritas Slovenia",
    nameUk: "Карітас Словенії (Slovenska karitas)",
    email: "info@karitas.si",
    phones: [
      { number: "+386 1 300 59 60", kind: "office" },
      { number: "+386 31 470 151", kind: "hotline" },
    ],
    website: "https://www.karitas.si",
    onlineFormUrl: null,
    sortOrder: 3,
  },
  {
    slug: "filantropija",
    kind: "NGO",
    nameSl: "Slovenska filantropija – Združenje za promocijo prostovoljstva",
    nameEn: "Slovene Philanthropy – Association for Promotion of Volunteering",
    nameUk: "Словенська філантропія (Slovenska filantropija) – Асоціація сприяння волонтерству",
    email: "info@filantropija.org",
    phones: [{ number: "+386 1 430 12 88", kind: "office" }],
    website: "https://www.filantropija.org",
    onlineFormUrl: null,
    sortOrder: 4,
  },
];
