import "server-only";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { formatReference } from "@/lib/reports/reference";
import { reportScope } from "@/lib/reports/report-scope";
import type { IdentifierKind } from "./identifiers";

// "Possibly linked reports": other reports that share a blind index with this one. Computed when
// asked (two index lookups), so a link appears the moment both reports are indexed and never goes
// stale; only decisions (confirmed, dismissed) are stored. Scope is in both queries: organisation
// staff see links only among reports routed to their own organisation.

export type PossibleLink = {
  reportId: string;
  reference: string;
  status: ReportStatus;
  createdAt: Date;
  kinds: IdentifierKind[];
  decision: { status: "CONFIRMED" | "DISMISSED"; at: Date; by: string | null } | null;
};

const kindOrder: IdentifierKind[] = ["phone", "email", "web", "domain", "handle", "plate", "iban"];

/** A digest shared by more reports than this is a hotline's number, not a lead: read this many. */
const maxMatches = 500;

/** The ordered pair a decision is stored under. */
export function linkPair(a: string, b: string): { firstId: string; secondId: string } {
  const [firstId, secondId] = [a.toLowerCase(), b.toLowerCase()].sort() as [string, string];
  return { firstId, secondId };
}

/** The possible links of a report the caller may read, newest first; [] for anyone else. */
export async function listPossibleLinks(
  reportId: string,
  user: StaffUser,
): Promise<PossibleLink[]> {
  if (!can(user.role, "links.read")) return [];
  const scope = reportScope(user);
  const own = await db.reportIdentifier.findMany({
    where: { reportId, report: scope },
    select: { digest: true },
  });
  if (!own.length) return [];
  const matches = await db.reportIdentifier.findMany({
    where: {
      digest: { in: own.map((row) => row.digest) },
      reportId: { not: reportId },
      report: scope,
    },
    orderBy: { createdAt: "desc" },
    take: maxMatches,
    select: {
      kind: true,
      report: { select: { id: true, number: true, createdAt: true, status: true } },
    },
  });
  const byReport = new Map<string, PossibleLink>();
  for (const { kind, report } of matches) {
    const link = byReport.get(report.id) ?? {
      reportId: report.id,
      reference: formatReference(report.number, report.createdAt),
      status: report.status,
      createdAt: report.createdAt,
      kinds: [],
      decision: null,
    };
    if (!link.kinds.includes(kind as IdentifierKind)) link.kinds.push(kind as IdentifierKind);
    byReport.set(report.id, link);
  }
  for (const link of byReport.values())
    link.kinds.sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b));
  const others = [...byReport.keys()];
  const decisions = others.length
    ? await db.reportLink.findMany({
        where: {
          OR: [
            { firstId: reportId, secondId: { in: others } },
            { secondId: reportId, firstId: { in: others } },
          ],
        },
        select: { firstId: true, secondId: true, status: true, decidedAt: true, decidedById: true },
      })
    : [];
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
    const other = decision.firstId === reportId ? decision.secondId : decision.firstId;
    byReport.get(other)!.decision = {
      status: decision.status,
      at: decision.decidedAt,
      by: decision.decidedById ? (names.get(decision.decidedById) ?? null) : null,
    };
  }
  return [...byReport.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
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
