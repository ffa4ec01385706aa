import { z } from "zod";

// The organisation directory form. Phones are edited as lines: "number; kind[; hours sl; hours en; hours uk]".

const phoneKinds = ["emergency", "anonymous", "tollFree", "office", "hotline"] as const;

const optionalText = (max: number, check: z.ZodType<string, string> = z.string()) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null)
    .pipe(check.nullable());

const phoneLine = z.string().transform((line, ctx) => {
  const [number, kind, sl, en, uk] = line.split(";").map((part) => part.trim());
  if (
    !number ||
    !/^[+\d][\d ]{1,24}$/.test(number) ||
    !phoneKinds.some((known) => known === kind)
  ) {
    ctx.addIssue({ code: "custom", message: "phones" });
    return z.NEVER;
  }
  return {
    number,
    kind: kind as (typeof phoneKinds)[number],
    ...(sl && en && uk ? { hours: { sl, en, uk } } : {}),
  };
});

export const organizationSchema = z.object({
  id: z.uuid(),
  nameSl: z.string().trim().min(1, { error: "name" }).max(200),
  nameEn: z.string().trim().min(1, { error: "name" }).max(200),
  nameUk: z.string().trim().min(1, { error: "name" }).max(200),
  email: optionalText(254, z.email({ error: "email" })),
  notificationEmail: optionalText(254, z.email({ error: "email" })),
  website: optionalText(300, z.url({ protocol: /^https$/, error: "url" })),
  onlineFormUrl: optionalText(500, z.url({ protocol: /^https$/, error: "url" })),
  phones: z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(phoneLine).max(10)),
});

export type OrganizationUpdate = z.output<typeof organizationSchema>;

export function phonesToText(
  phones: { number: string; kind: string; hours?: { sl: string; en: string; uk: string } }[],
): string {
  return phones
    .map((p) =>
      [p.number, p.kind, ...(p.hours ? [p.hours.sl, p.hours.en, p.hours.uk] : [])].join("; "),
    )
    .join("\n");
}
