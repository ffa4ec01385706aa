import { randomUUID } from "node:crypto";
import { resolveStaffSession, staffUserSelect, type StaffUser } from "@/lib/auth/session";
import { secureCookies } from "@/lib/config";
import { storeVault } from "@/lib/keys/session-vault";
import { db } from "@/lib/db";
import { prepareMemberKeys, saveMemberKeys, unlockMemberKeys } from "@/lib/keys/member-keys";
import {
  findCurrentOrganizationKey,
  grantOrganizationKey,
  keyOrganizationIdOf,
  makeOrganizationKeys,
  openGrantedKeys,
  type OrganizationKeyPair,
} from "@/lib/keys/organization-keys";
import { seedOrganizations } from "@/prisma/seed";
import { staffPassword } from "./staff";

// Sealed reports need organisation keys before a report can be stored (the police's) or routed
// (the receiving organisation's). Tests get them the way members do: a member of the organisation
// makes them. That member is a "custodian" account per organisation, disabled (no mail, no lists,
// no sign-in), with the test password, so any process — a test file, the browser tests' staff
// script — can open its grant and grant the key to the staff a test creates.

const custodianEmail = (slug: string) => `keys-${slug}@custodian.test`;

async function custodianOf(slug: string): Promise<StaffUser> {
  const found = await db.user.findUnique({
    where: { email: custodianEmail(slug) },
    select: staffUserSelect,
  });
  if (found) return found;
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug },
    select: { id: true },
  });
  const triage = slug === "police";
  const user = await db.user.create({
    data: {
      id: randomUUID(),
      email: custodianEmail(slug),
      name: `Keys ${slug}`,
      role: triage ? "TRIAGE" : "ORG_STAFF",
      organizationId: triage ? null : organization.id,
      locale: "en",
      disabled: true,
      twoFactorEnabled: true,
    },
    select: staffUserSelect,
  });
  await saveMemberKeys(user.id, await prepareMemberKeys(user.id, staffPassword));
  return user;
}

const opened = new Map<string, OrganizationKeyPair>();

/** The organisation's current key, opened; made by its custodian first if it has none. */
export async function organizationKeyFor(slug: string): Promise<OrganizationKeyPair> {
  const custodian = await custodianOf(slug);
  const organizationId = (await keyOrganizationIdOf(custodian))!;
  const current = await findCurrentOrganizationKey(organizationId);
  if (current && opened.has(current.id)) return opened.get(current.id)!;
  if (!current) {
    const made = await makeOrganizationKeys(custodian);
    // Test set-up, not an event of the test: its audit entry would upset counts of the audit log.
    await db.auditEvent.deleteMany({ where: { actorId: custodian.id } });
    if (made.status === "made") {
      opened.set(made.key.organizationKeyId, made.key);
      return made.key;
    }
  }
  const member = await unlockMemberKeys(custodian.id, staffPassword);
  const keys = member ? await openGrantedKeys(custodian.id, member) : [];
  const key = keys.find((k) => k.organizationKeyId === current?.id);
  if (!key) throw new Error(`the ${slug} keys were made by someone other than its custodian`);
  opened.set(key.organizationKeyId, key);
  return key;
}

/** Makes the keys of these organisations (the directory must be seeded). */
export async function makeTestKeys(slugs = ["police", "kljuc", "caritas", "filantropija"]) {
  for (const slug of slugs) await organizationKeyFor(slug);
}

/** Seeds the organisation directory if it is empty and makes the police's keys: the form opens. */
export async function openReporting(): Promise<void> {
  if ((await db.organization.count()) === 0) await seedOrganizations(db);
  await organizationKeyFor("police");
}

/** The keys a staff member's session would hold: their organisation's key (none for admins). */
export async function keysOf(user: Pick<StaffUser, "role" | "organizationId">) {
  const organizationId = await keyOrganizationIdOf(user);
  if (!organizationId) return [];
  const { slug } = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { slug: true },
  });
  return [await organizationKeyFor(slug)];
}

/**
 * Grants a new member their organisation's key from its custodian, if the custodian made it
 * (organisations whose keys a test makes itself are left alone). True when granted.
 */
export async function grantTestKeys(userId: string): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: staffUserSelect });
  const organizationId = await keyOrganizationIdOf(user);
  if (!organizationId) return false;
  const current = await findCurrentOrganizationKey(organizationId);
  if (!current) return false;
  const custodian = await db.user.findFirst({
    where: {
      email: { endsWith: "@custodian.test" },
      keyGrants: { some: { organizationKeyId: current.id } },
    },
    select: staffUserSelect,
  });
  if (!custodian) return false;
  const slug = custodian.email.slice("keys-".length, -"@custodian.test".length);
  const outcome = await grantOrganizationKey(custodian, await organizationKeyFor(slug), userId);
  await db.auditEvent.deleteMany({ where: { actorId: custodian.id } });
  return outcome === "granted";
}

/** The keys a triage officer's session holds: the police's. */
export const triageKeys = () => keysOf({ role: "TRIAGE", organizationId: null });

/**
 * Headers of a session whose vault holds the member's granted keys, as sign-in leaves it (the
 * tests sign in through better-auth's API, which knows nothing of vaults).
 */
export async function withVault(headers: Headers, userId: string): Promise<Headers> {
  const session = await resolveStaffSession(headers);
  if (session.status !== "active") return headers;
  const member = await unlockMemberKeys(userId, staffPassword);
  const keys = member ? await openGrantedKeys(userId, member) : [];
  if (!keys.length) return headers;
  const ticket = await storeVault(userId, keys, session.sessionId);
  const name = secureCookies() ? "__Host-prijavi.key-vault" : "prijavi.key-vault";
  const cookie = headers.get("cookie");
  return new Headers({ cookie: `${cookie ? `${cookie}; ` : ""}${name}=${ticket}` });
}
