import { describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { cookieHeadersFrom } from "@/lib/auth/enrolment";
import { lockoutPolicy, signInWithPassword, verifySecondFactor } from "@/lib/auth/sign-in";
import { parseRecoveryKey, SealError, formatRecoveryKey, newKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { unlockMemberKeys } from "@/lib/keys/member-keys";
import {
  grantOrganizationKey,
  keyOrganizationIdOf,
  makeOrganizationKeys,
  revokeOrganizationKeyGrant,
  type OrganizationKeyPair,
} from "@/lib/keys/organization-keys";
import { listKeyHolders } from "@/lib/keys/list-key-holders";
import { recoverOrganizationKey } from "@/lib/keys/recover-organization-key";
import { openOrganizationKeyForSession } from "@/lib/keys/session-keys";
import { openVault } from "@/lib/keys/session-vault";
import type { VaultCookie } from "@/lib/keys/vault-cookie";
import { freshDirectoryWithoutAnswerFloor } from "../support/fresh-each-test";
import { createStaff, readStaffUser, staffPassword, type TestStaff } from "../support/staff";

// Organisation keys held by members (issue 15, second brick), on a real database: who gets key
// material, who may make, grant, revoke and recover an organisation's key, and the session vault
// that carries an opened key from sign-in to the requests that follow.

freshDirectoryWithoutAnswerFloor();

/** A browser's cookie jar for the vault cookie alone. */
function cookieJar(): VaultCookie & { value: string | null } {
  const jar = {
    value: null as string | null,
    read: () => jar.value,
    write: (ticket: string) => void (jar.value = ticket),
    clear: () => void (jar.value = null),
  };
  return jar;
}

/** Password and code in one step, with a vault cookie: the session id and the cookie. */
async function signInWithKeys(person: TestStaff, step = 0) {
  const cookie = cookieJar();
  expect(
    await signInWithPassword(person.email, staffPassword, new Headers(), person.totp(step), cookie),
  ).toBe("signedIn");
  const session = await db.session.findFirstOrThrow({
    where: { userId: person.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return { sessionId: session.id, cookie, user: await readStaffUser(person.userId) };
}

async function madeKeys(person: TestStaff) {
  const made = await makeOrganizationKeys(await readStaffUser(person.userId));
  if (made.status !== "made") throw new Error(`keys not made: ${made.status}`);
  return made;
}

const contains = (haystack: Uint8Array, needle: Uint8Array) =>
  Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;

describe("a member's own key pair", () => {
  it("is made when the invited member sets the password, and opens with that password only", async () => {
    const person = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const row = await db.memberKey.findUniqueOrThrow({ where: { userId: person.userId } });
    expect(row).toMatchObject({ kdfMemoryKiB: 64, kdfIterations: 1, kdfParallelism: 1 });
    const pair = await unlockMemberKeys(person.userId, staffPassword);
    expect(Buffer.from(pair!.publicKey).equals(Buffer.from(row.publicKey))).toBe(true);
    expect(contains(row.wrappedPrivateKey, pair!.privateKey)).toBe(false);
    await expect(unlockMemberKeys(person.userId, "not the password at all")).rejects.toThrow(
      SealError,
    );
  });

  it("is never made for an administrator", async () => {
    const admin = await createStaff("ADMIN");
    expect(await db.memberKey.count({ where: { userId: admin.userId } })).toBe(0);
    const made = await makeOrganizationKeys(await readStaffUser(admin.userId));
    expect(made.status).toBe("noOrganization");
  });

  it("is made at sign-in for an account from before members had keys", async () => {
    const person = await createStaff("TRIAGE");
    await db.memberKey.delete({ where: { userId: person.userId } });
    await signInWithKeys(person, 1);
    expect(await unlockMemberKeys(person.userId, staffPassword)).not.toBeNull();
  });
});

describe("an organisation's keys", () => {
  it("are made once by a first member, who holds them and is shown the recovery key once", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const other = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const made = await madeKeys(first);
    const recovery = parseRecoveryKey(made.recoveryKey)!;
    expect(recovery).not.toBeNull();
    expect((await makeOrganizationKeys(await readStaffUser(other.userId))).status).toBe("exists");

    const stored = await db.organizationKey.findFirstOrThrow({
      where: { organizationId: made.key.organizationId },
    });
    expect(stored.version).toBe(1);
    for (const column of [stored.publicKey, stored.recoveryWrappedPrivateKey]) {
      expect(contains(column, recovery)).toBe(false);
      expect(contains(column, made.key.privateKey)).toBe(false);
    }
    const grants = await db.organizationKeyGrant.findMany({ select: { userId: true } });
    expect(grants).toEqual([{ userId: first.userId }]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "keys.organizationKeysMade" },
    });
    expect(audit.actorId).toBe(first.userId);
    expect(JSON.stringify(audit.detail)).not.toContain(made.recoveryKey.slice(0, 9));
  });

  it("are made once when two first members try at the same moment", async () => {
    const people = await Promise.all([
      createStaff("ORG_STAFF", { organization: "caritas" }),
      createStaff("ORG_STAFF", { organization: "caritas" }),
    ]);
    const outcomes = await Promise.all(
      people.map(async (p) => (await makeOrganizationKeys(await readStaffUser(p.userId))).status),
    );
    expect(outcomes.sort()).toEqual(["exists", "made"]);
    expect(await db.organizationKey.count()).toBe(1);
  });

  it("of the triage unit are the police's", async () => {
    const officer = await createStaff("TRIAGE");
    const police = await db.organization.findUniqueOrThrow({ where: { slug: "police" } });
    expect(await keyOrganizationIdOf(await readStaffUser(officer.userId))).toBe(police.id);
    expect((await madeKeys(officer)).key.organizationId).toBe(police.id);
  });
});

describe("granting, revoking and recovering", () => {
  it("a colleague's grant opens the key in the colleague's next session", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const colleague = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const { key } = await madeKeys(first);

    // Before the grant, the colleague's session holds nothing.
    const before = await signInWithKeys(colleague, 0);
    expect(await openOrganizationKeyForSession(before, before.cookie.value)).toBeNull();

    const granter = await signInWithKeys(first, 0);
    const opened = await openOrganizationKeyForSession(granter, granter.cookie.value);
    expect(opened?.privateKey.equals(key.privateKey)).toBe(true);
    expect(
      await grantOrganizationKey(await readStaffUser(first.userId), opened!, colleague.userId),
    ).toBe("granted");

    const after = await signInWithKeys(colleague, 1);
    const theirs = await openOrganizationKeyForSession(after, after.cookie.value);
    expect(theirs?.privateKey.equals(key.privateKey)).toBe(true);
    expect(theirs?.publicKey.equals(key.publicKey)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "keys.granted" } })).toBe(1);
  });

  it("is refused for another organisation's member, an administrator and a disabled colleague", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const { key } = await madeKeys(first);
    const granter = await readStaffUser(first.userId);
    const caritas = await createStaff("ORG_STAFF", { organization: "caritas" });
    const triage = await createStaff("TRIAGE");
    const admin = await createStaff("ADMIN");
    const disabled = await createStaff("ORG_STAFF", { organization: "kljuc" });
    await db.user.update({ where: { id: disabled.userId }, data: { disabled: true } });
    for (const someone of [caritas, triage, admin, disabled])
      expect(await grantOrganizationKey(granter, key, someone.userId)).toBe("notFound");
    // Nor may a member of another organisation hand Ključ's key on, even holding it.
    expect(await grantOrganizationKey(await readStaffUser(caritas.userId), key, first.userId)).toBe(
      "notFound",
    );
    expect(await db.organizationKeyGrant.count()).toBe(1);
  });

  it("revoking takes the grant and the key the colleague's sessions hold", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const colleague = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const { key } = await madeKeys(first);
    const revoker = await readStaffUser(first.userId);
    await grantOrganizationKey(revoker, key, colleague.userId);
    const session = await signInWithKeys(colleague, 1);
    expect(await openOrganizationKeyForSession(session, session.cookie.value)).not.toBeNull();

    const outsider = await createStaff("ORG_STAFF", { organization: "caritas" });
    expect(
      await revokeOrganizationKeyGrant(await readStaffUser(outsider.userId), colleague.userId),
    ).toBe(false);
    expect(await revokeOrganizationKeyGrant(revoker, colleague.userId)).toBe(true);
    expect(await openOrganizationKeyForSession(session, session.cookie.value)).toBeNull();
    expect(await db.organizationKeyGrant.count({ where: { userId: colleague.userId } })).toBe(0);
  });

  it("the recovery key opens the key again for a member without a grant, and nothing else does", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const made = await madeKeys(first);
    const member = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const user = await readStaffUser(member.userId);

    expect((await recoverOrganizationKey(user, "1234-abcd")).status).toBe("mistyped");
    const typo = made.recoveryKey.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect((await recoverOrganizationKey(user, typo)).status).toBe("mistyped");
    expect((await recoverOrganizationKey(user, formatRecoveryKey(newKey()))).status).toBe(
      "wrongKey",
    );
    const caritas = await readStaffUser(
      (await createStaff("ORG_STAFF", { organization: "caritas" })).userId,
    );
    expect((await recoverOrganizationKey(caritas, made.recoveryKey)).status).toBe("noKeys");

    const recovered = await recoverOrganizationKey(user, made.recoveryKey.toUpperCase());
    expect(recovered.status).toBe("recovered");
    const key = (recovered as { key: OrganizationKeyPair }).key;
    expect(key.privateKey.equals(made.key.privateKey)).toBe(true);
    const session = await signInWithKeys(member, 1);
    const opened = await openOrganizationKeyForSession(session, session.cookie.value);
    expect(opened?.privateKey.equals(made.key.privateKey)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "keys.recoveryFailed" } })).toBe(1);
  });
});

describe("the session vault", () => {
  it("opens only with its own cookie, for its own session; the row alone holds no key", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const { key } = await madeKeys(first);
    const mine = await signInWithKeys(first, 0);
    const row = await db.keyVault.findUniqueOrThrow({ where: { sessionId: mine.sessionId } });
    expect(contains(row.sealed, key.privateKey)).toBe(false);
    expect(row.sealed.toString()).not.toContain(key.privateKey.toString("base64"));

    const [id, secret] = mine.cookie.value!.split(".");
    const tampered = `${id}.${secret!.startsWith("A") ? "B" : "A"}${secret!.slice(1)}`;
    expect(await openVault(tampered, first.userId, mine.sessionId)).toBeNull();
    expect(await openVault(`${id}.`, first.userId, mine.sessionId)).toBeNull();
    expect(await openVault("junk", first.userId, mine.sessionId)).toBeNull();
    const other = await signInWithKeys(first, 1);
    expect(await openVault(mine.cookie.value, first.userId, other.sessionId)).toBeNull();
    expect(await openVault(mine.cookie.value, first.userId, mine.sessionId)).toHaveLength(1);

    // Signing out deletes the session row, and the vault goes with it.
    await db.session.delete({ where: { id: mine.sessionId } });
    expect(await db.keyVault.count({ where: { id: id! } })).toBe(0);
  });

  it("waits between the password and the code, and becomes the new session's", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const { key } = await madeKeys(first);
    const cookie = cookieJar();
    expect(
      await signInWithPassword(first.email, staffPassword, new Headers(), undefined, cookie),
    ).toBe("secondFactor");
    const waiting = await db.keyVault.findFirstOrThrow({ where: { userId: first.userId } });
    expect(waiting.sessionId).toBeNull();
    expect(waiting.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 600_000);

    const challenge = await passwordStep(first.email);
    expect(await verifySecondFactor("000000", "totp", challenge, cookie)).toBe(false);
    expect(cookie.value).not.toBeNull(); // a mistyped code keeps the keys waiting
    expect(await verifySecondFactor(first.totp(1), "totp", challenge, cookie)).toBe(true);
    const session = await db.session.findFirstOrThrow({
      where: { userId: first.userId },
      orderBy: { createdAt: "desc" },
    });
    const opened = await openOrganizationKeyForSession(
      { user: await readStaffUser(first.userId), sessionId: session.id },
      cookie.value,
    );
    expect(opened?.privateKey.equals(key.privateKey)).toBe(true);
  });

  it("is dropped when the second factor locks after failures", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    await madeKeys(first);
    const cookie = cookieJar();
    await signInWithPassword(first.email, staffPassword, new Headers(), undefined, cookie);
    const challenge = await passwordStep(first.email);
    for (let i = 0; i < lockoutPolicy.secondFactorLockAfter; i++)
      await verifySecondFactor("000000", "totp", challenge, cookie);
    expect(cookie.value).toBeNull();
    expect(await db.keyVault.count({ where: { userId: first.userId } })).toBe(0);
  });

  it("is not made without a cookie to hold its key, nor when there is nothing to keep", async () => {
    const first = await createStaff("ORG_STAFF", { organization: "kljuc" });
    expect(await signInWithPassword(first.email, staffPassword, new Headers(), first.totp(0))).toBe(
      "signedIn",
    );
    await signInWithKeys(first, 1); // no organisation keys yet
    expect(await db.keyVault.count()).toBe(0);
  });
});

/** Password alone, as the code step would follow: the headers carrying that step's cookie. */
async function passwordStep(email: string) {
  return cookieHeadersFrom(
    (
      await auth().api.signInEmail({
        body: { email, password: staffPassword },
        headers: new Headers(),
        returnHeaders: true,
      })
    ).headers,
  );
}

describe("the members listed on the keys page", () => {
  it("are exactly those a grant may go to: for the police its staff and the triage officers", async () => {
    const officer = await createStaff("TRIAGE");
    const policeStaff = await createStaff("ORG_STAFF", { organization: "police" });
    const kljuc = await createStaff("ORG_STAFF", { organization: "kljuc" });
    const key = await madeKeys(officer);
    const listed = await listKeyHolders(await readStaffUser(officer.userId));
    expect(listed?.members.map((person) => person.id).sort()).toEqual(
      [officer.userId, policeStaff.userId].sort(),
    );
    // Everyone listed can be granted; Ključ's member is neither listed nor grantable.
    expect(
      await grantOrganizationKey(await readStaffUser(officer.userId), key.key, policeStaff.userId),
    ).toBe("granted");
    expect(
      await grantOrganizationKey(await readStaffUser(officer.userId), key.key, kljuc.userId),
    ).toBe("notFound");
    const fromPolice = await listKeyHolders(await readStaffUser(policeStaff.userId));
    expect(fromPolice?.members.map((person) => person.id).sort()).toEqual(
      [officer.userId, policeStaff.userId].sort(),
    );
  });
});
