import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { formatReference } from "@/lib/reports/reference";
import { reportScope } from "@/lib/reports/report-scope";
import type { IdentifierKind } from "./identifiers";

// "Possibly linked reports": other reports that share a blind index with this one. Computed when
// asked (index lookups), so a link appears the moment both reports are indexed and never goes
// stale; only decisions (confirmed, dismissed) are stored. Scope is in every query: organisation
// staff see links only among reports routed to their own organisation, and count only those.
//
// The rule for a common identifier: at most `manyReports + 1` matches are read per digest, newest
// first (one statement for all digests; each on its own only when that one comes back full). A digest matching more than
// `manyReports` other reports in the caller's scope is a hotline's number or a large employer's
// site, not a lead: its reports are not listed one by one, and the answer says only that an
// identifier of that kind is shared by many (its kind, never the digest). A report that also
// shares a rarer identifier is still listed, under that identifier's kind alone. This bounds the
// rows read per call (at most `manyReports + 1` per digest) however common an identifier becomes.

type PossibleLink = {
  reportId: string;
  reference: string;
  status: ReportStatus;
  createdAt: Date;
  kinds: IdentifierKind[];
  decision: { status: "CONFIRMED" | "DISMISSED"; at: Date; by: string | null } | null;
};

export type PossibleLinks = {
  /** The other reports sharing an identifier that is not shared by many, newest first. */
  links: PossibleLink[];
  /** The kinds of this report's identifiers shared by more than `manyReports` other reports. */
  sharedByMany: IdentifierKind[];
};

const kindOrder: IdentifierKind[] = ["phone", "email", "web", "domain", "handle", "plate", "iban"];
const byKindOrder = (a: IdentifierKind, b: IdentifierKind) =>
  kindOrder.indexOf(a) - kindOrder.indexOf(b);

/**
 * More other reports than this sharing one identifier (in the caller's scope) make it too common
 * to be a lead: such a digest is reported as shared by many instead of listed report by report.
 * The panel says the number too.
 */
export const manyReports = 50;

const nothing = (): PossibleLinks => ({ links: [], sharedByMany: [] });

/** The ordered pair a decision is stored under. */
export function linkPair(a: string, b: string): { firstId: string; secondId: string } {
  const [firstId, secondId] = [a.toLowerCase(), b.toLowerCase()].sort() as [string, string];
  return { firstId, secondId };
}

/**
 * The possible links of a report the caller may read, newest first, and the kinds of its
 * identifiers shared by too many reports to list; nothing for anyone else.
 */
export async function listPossibleLinks(reportId: string, user: StaffUser): Promise<PossibleLinks> {
  if (!can(user.role, "links.read")) return nothing();
  const scope = reportScope(user);
  const own = await db.reportIdentifier.findMany({
    where: { reportId, report: scope },
    select: { kind: true, digest: true },
  });
  if (!own.length) return nothing();
  // Only ids and kinds: selecting the report here would cost a second statement (Prisma reads a
  // relation separately), and round trips are most of the cost. First one statement for every
  // digest at once, enough for an ordinary report; only when it comes back full (some digest is
  // common) is each digest read on its own, at most `manyReports + 1` rows each.
  const onePass = own.length * (manyReports + 1);
  const matches = await db.reportIdentifier.findMany({
    where: {
      digest: { in: own.map((row) => row.digest) },
      reportId: { not: reportId },
      report: scope,
    },
    orderBy: { createdAt: "desc" },
    take: onePass,
    select: { kind: true, reportId: true, digest: true },
  });
  const perDigest =
    matches.length < onePass
      ? own.map(({ digest }) => matches.filter((match) => Buffer.from(match.digest).equals(digest)))
      : await Promise.all(
          own.map(({ digest }) =>
            db.reportIdentifier.findMany({
              where: { digest, reportId: { not: reportId }, report: scope },
              orderBy: { createdAt: "desc" },
              take: manyReports + 1,
              select: { kind: true, reportId: true },
            }),
          ),
        );
  const sharedByMany = new Set<IdentifierKind>();
  const kindsOf = new Map<string, IdentifierKind[]>();
  perDigest.forEach((matches, index) => {
    if (matches.length > manyReports) {
      sharedByMany.add(own[index]!.kind as IdentifierKind);
      return;
    }
    for (const { kind, reportId: other } of matches) {
      const kinds = kindsOf.get(other) ?? [];
      if (!kinds.includes(kind as IdentifierKind)) kinds.push(kind as IdentifierKind);
      kindsOf.set(other, kinds);
    }
  });
  const others = [...kindsOf.keys()];
  if (!others.length) return { links: [], sharedByMany: [...sharedByMany].sort(byKindOrder) };
  // The listed reports and the decisions on their pairs, together (the scope again on the reports).
  const [reports, decisions] = await Promise.all([
    db.report.findMany({
      where: { AND: [{ id: { in: others } }, scope] },
      select: { id: true, number: true, createdAt: true, status: true },
    }),
    db.reportLink.findMany({
      where: {
        OR: [
          { firstId: reportId, secondId: { in: others } },
          { secondId: reportId, firstId: { in: others } },
        ],
      },
      select: { firstId: true, secondId: true, status: true, decidedAt: true, decidedById: true },
    }),
  ]);
  const byReport = new Map<string, PossibleLink>(
    reports.map((report) => [
      report.id,
      {
        reportId: report.id,
        reference: formatReference(report.number, report.createdAt),
        status: report.status,
        createdAt: report.createdAt,
        kinds: kindsOf.get(report.id)!.sort(byKindOrder),
        decision: null,
      },
    ]),
  );
  const deciders = decisions.flatMap((d) => (d.decidedById ? [d.decidedById] : []));
  const names = new Map(
    deciders.length
      ? (
          await db.user.findMany({
            where: { id: { in: deciders } },
            select: { id: true, name: true },
          })
        ).map((person) => [person.id, person.name])
      : [],
  );
  for (const decision of decisions) {
    const link = byReport.get(decision.firstId === reportId ? decision.secondId : decision.firstId);
    if (link)
      link.decision = {
        status: decision.status,
        at: decision.decidedAt,
        by: decision.decidedById ? (names.get(decision.decidedById) ?? null) : null,
      };
  }
  return {
    links: [...byReport.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    sharedByMany: [...sharedByMany].sort(byKindOrder),
  };
}

/**
 * The reports confirmed as linked to this one, directly or through other confirmed links (a
 * group), within the caller's scope, at most `limit`.
 */
export async function confirmedGroup(
  reportId: string,
  user: StaffUser,
  limit = 50,
): Promise<string[]> {
  if (!can(user.role, "links.read")) return [];
  const seen = new Set([reportId]);
  let frontier = [reportId];
  while (frontier.length && seen.size <= limit) {
    const links = await db.reportLink.findMany({
      where: {
        status: "CONFIRMED",
        OR: [{ firstId: { in: frontier } }, { secondId: { in: frontier } }],
      },
      select: { firstId: true, secondId: true },
    });
    const next = links
      .flatMap((link) => [link.firstId, link.secondId])
      .filter((id) => !seen.has(id));
    for (const id of next) seen.add(id);
    frontier = [...new Set(next)];
  }
  seen.delete(reportId);
  const inScope = await db.report.findMany({
    where: { AND: [{ id: { in: [...seen] } }, reportScope(user)] },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return inScope.map((report) => report.id);
}
