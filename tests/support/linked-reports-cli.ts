// For the browser tests of linked reports: gives a triage officer the police key (made by them if
// the police have none yet, else granted by a colleague who holds it: test accounts share one
// password), then stores reports with these descriptions through the real createReport, after
// the key exists so that their identifiers wait sealed to it. Prints the reports' ids as JSON. Run with
// tsx --conditions=react-server tests/support/linked-reports-cli.ts EMAIL DESCRIPTION...
import { db } from "@/lib/db";
import { triageOrganizationSlug } from "@/lib/followup/threads";
import { unlockMemberKeys } from "@/lib/keys/member-keys";
import {
  findCurrentOrganizationKey,
  grantOrganizationKey,
  makeOrganizationKeys,
  openGrantedKeys,
} from "@/lib/keys/organization-keys";
import { newReport } from "./case-data";
import { readStaffUser, staffPassword } from "./staff";

const [email, ...descriptions] = process.argv.slice(2);
const officer = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
const police = await db.organization.findUniqueOrThrow({
  where: { slug: triageOrganizationSlug },
  select: { id: true },
});
const current = await findCurrentOrganizationKey(police.id);
if (!current) {
  const made = await makeOrganizationKeys(await readStaffUser(officer.id));
  if (made.status !== "made") throw new Error(`police keys not made: ${made.status}`);
} else {
  const holder = await db.organizationKeyGrant.findFirstOrThrow({
    where: { organizationKeyId: current.id, user: { disabled: false } },
    select: { userId: true },
  });
  const member = await unlockMemberKeys(holder.userId, staffPassword);
  const key = (await openGrantedKeys(holder.userId, member!)).find(
    (opened) => opened.organizationKeyId === current.id,
  );
  const granted = await grantOrganizationKey(await readStaffUser(holder.userId), key!, officer.id);
  if (granted !== "granted") throw new Error(`police key not granted: ${granted}`);
}
const ids: string[] = [];
for (const description of descriptions) ids.push(await newReport({ description, locale: "en" }));
console.log(JSON.stringify(ids));
await db.$disconnect();
