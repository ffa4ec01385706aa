import {
  findCurrentOrganizationKey,
  grantOrganizationKey,
  keyOrganizationIdOf,
  makeOrganizationKeys,
  openGrantedKeys,
  type OrganizationKeyPair,
} from "@/lib/keys/organization-keys";
import { unlockMemberKeys } from "@/lib/keys/member-keys";
import { storeVault } from "@/lib/keys/session-vault";
import { resolveStaffSession } from "@/lib/auth/session";
import { readStaffUser, staffPassword, type TestStaff } from "./staff";
import { grantTestKeys } from "./test-keys";

// Organisation keys for tests, obtained the way members get them: the first member of an
// organisation makes its keys, later members are granted them by that member, and each opens
// their copy with their own password (as sign-in does). Keys made in this process are remembered
// with their maker, so later members can be granted without a browser.

const makers = new Map<string, { key: OrganizationKeyPair; userId: string }>();

async function openedGrant(userId: string, organizationKeyId: string) {
  const member = await unlockMemberKeys(userId, staffPassword);
  if (!member) return null;
  const keys = await openGrantedKeys(userId, member);
  return keys.find((key) => key.organizationKeyId === organizationKeyId) ?? null;
}

/** The current key of the member's organisation, opened with the member's own password. */
export async function openKeysOf(person: TestStaff): Promise<OrganizationKeyPair> {
  const user = await readStaffUser(person.userId);
  const organizationId = await keyOrganizationIdOf(user);
  if (!organizationId) throw new Error(`${person.email} holds no organisation keys`);
  const current = await findCurrentOrganizationKey(organizationId);
  if (!current) {
    const made = await makeOrganizationKeys(user);
    if (made.status !== "made") throw new Error(`keys not made: ${made.status}`);
    makers.set(made.key.organizationKeyId, { key: made.key, userId: person.userId });
    return made.key;
  }
  const own = await openedGrant(person.userId, current.id);
  if (own) return own;
  const maker = makers.get(current.id);
  if (!maker) {
    // Made by the organisation's test custodian (test-keys.ts), which grants it.
    const granted = (await grantTestKeys(person.userId))
      ? await openedGrant(person.userId, current.id)
      : null;
    if (granted) return granted;
    throw new Error("the organisation's keys were made outside this test process");
  }
  const outcome = await grantOrganizationKey(
    await readStaffUser(maker.userId),
    maker.key,
    person.userId,
  );
  if (outcome !== "granted") throw new Error(`keys not granted: ${outcome}`);
  const granted = await openedGrant(person.userId, current.id);
  if (!granted) throw new Error("a granted key did not open");
  return granted;
}

/**
 * Puts the member's opened organisation key into their session's vault and its ticket into their
 * request headers, as signing in through the page does, for actions that need the key.
 */
export async function holdKeysInSession(person: TestStaff): Promise<OrganizationKeyPair> {
  const key = await openKeysOf(person);
  const session = await resolveStaffSession(person.headers);
  if (session.status !== "active") throw new Error("not signed in");
  const ticket = await storeVault(person.userId, [key], session.sessionId);
  // In place of any vault cookie the headers carry already (one vault per session, as in a browser).
  const others = (person.headers.get("cookie") ?? "")
    .split(/;\s*/)
    .filter((pair) => pair && !pair.startsWith("prijavi.key-vault="));
  person.headers.set("cookie", [...others, `prijavi.key-vault=${ticket}`].join("; "));
  return key;
}
