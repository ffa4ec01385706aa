import { z } from "zod";

// Linked reports' forms (lib/links). Error messages are keys under Links.

const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);

export const decideLinkSchema = z.object({
  reportId: z.uuid(),
  otherReportId: z.uuid(),
  decision: z.enum(["CONFIRMED", "DISMISSED"]),
});

export const addIdentifierSchema = z.object({
  reportId: z.uuid(),
  text: z
    .string({ error: "identifierRequired" })
    .trim()
    .min(1, { error: "identifierRequired" })
    .max(300, { error: "identifierTooLong" }),
});

export const routeGroupSchema = z.object({
  reportId: z.uuid(),
  organizationIds: list(z.uuid()).pipe(z.array(z.uuid()).min(1, { error: "organizations" }).max(4)),
});
