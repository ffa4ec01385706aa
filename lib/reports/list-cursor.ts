import { Urgency } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/validation/uuid";

// The triage list's page cursor travels in the address bar, so anyone can rewrite it: it is read
// back only when every part is what the list itself wrote (a known urgency, an ISO timestamp, a
// UUID); anything else means "first page", never a query the database refuses.

export type Cursor = { urgency: Urgency; createdAt: string; id: string };
/** The order of the Urgency enum in PostgreSQL (Prisma keeps the schema's order): the list sorts by it. */
export const urgencyOrder = Object.values(Urgency);

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(row: { urgency: string; createdAt: Date; id: string }): string {
  return Buffer.from(
    JSON.stringify({ urgency: row.urgency, createdAt: row.createdAt.toISOString(), id: row.id }),
  ).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value || value.length > 400) return null;
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof cursor !== "object" || cursor === null) return null;
  const { urgency, createdAt, id } = cursor as Record<string, unknown>;
  const known = urgencyOrder.find((level) => level === urgency);
  if (!known) return null;
  if (
    typeof createdAt !== "string" ||
    !isoTimestamp.test(createdAt) ||
    new Date(createdAt).toISOString() !== createdAt
  )
    return null;
  if (!isUuid(id)) return null;
  return { urgency: known, createdAt, id: id.toLowerCase() };
}
