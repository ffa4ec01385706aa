import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { hashReceipt, normalizeReceipt } from "@/lib/reports/receipt";
import { rateLimits } from "@/lib/config";
import { rateLimiter } from "@/lib/security/rate-limit";
import { SealError, type KeyPair } from "@/lib/crypto/sealing";
import {
  newReporterKeySalt,
  reporterKeyPair,
  unwrapFromSession,
  wrapForSession,
} from "./reporter-keys";

// A reporter comes back with the receipt. A correct code opens a short session (10 minutes idle)
// bound to that one report: a random token in an httpOnly cookie, of which only a hash is stored.
//
// Receipts carry 83 random bits: guessing is hopeless, so no limit that a stranger could exhaust
// stands between a reporter and their own report. A wrong code is answered only after a fixed
// delay (no CPU, no database write, no shared budget: it costs the guesser time); it creates no
// bucket and touches no other code's. A correct code is limited per code (a keyed HMAC of it,
// lib/security/rate-limit.ts), which bounds the sessions and audit rows one code can open; and
// per client behind a trusted proxy, by the action (app/[locale]/(public)/follow-up/actions.ts).

export const reporterCookie = "prijavi_followup";
// Short on purpose: the phone may be taken out of the reporter's hand. The session also ends on
// the quick exit (app/[locale]/(public)/exit) and on "leave" (endReporterSession).
const idleSeconds = 10 * 60;
const absoluteMs = 2 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export type ReceiptOutcome =
  | { status: "ok"; token: string }
  | { status: "wrong" }
  | { status: "limited"; retryAfterSeconds: number };

export async function signInWithReceipt(input: string): Promise<ReceiptOutcome> {
  const code = normalizeReceipt(input);
  const report = code
    ? await db.report.findUnique({
        where: { receiptHash: hashReceipt(code) },
        select: { id: true, reporterKeySalt: true },
      })
    : null;
  if (!code || !report) {
    await new Promise((resolve) => setTimeout(resolve, rateLimits.wrongReceiptDelayMs()));
    return { status: "wrong" };
  }
  const limit = await rateLimiter.take([
    { scope: "followUp:code", id: code, perHour: rateLimits.followUpPerCodePerHour() },
  ]);
  if (!limit.allowed) return { status: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  const token = randomBytes(32).toString("base64url");
  const sessionId = randomUUID();
  const reporterKey = await reporterKeyOf(report.id, code, report.reporterKeySalt);
  await db.$transaction(async (tx) => {
    await tx.reporterSession.create({
      data: {
        id: sessionId,
        tokenHash: hashToken(token),
        reportId: report.id,
        expiresAt: new Date(Date.now() + idleSeconds * 1000),
        reporterKey: new Uint8Array(wrapForSession(reporterKey, token, sessionId)),
      },
    });
    await recordAudit(
      { action: "reporter.returned", actorKind: "REPORTER", reportId: report.id },
      tx,
    );
  });
  return { status: "ok", token };
}

/**
 * The reporter's key pair: derived from the receipt and the report's salt. A report from before
 * sealed conversations has none yet: it gets one now, the first time its reporter comes back (the
 * first of two sessions opened at once wins; the other derives the same pair from the stored salt).
 */
async function reporterKeyOf(
  reportId: string,
  receipt: string,
  salt: Uint8Array | null,
): Promise<KeyPair> {
  if (salt) return reporterKeyPair(receipt, salt);
  const fresh = newReporterKeySalt();
  const pair = await reporterKeyPair(receipt, fresh);
  const { count } = await db.report.updateMany({
    where: { id: reportId, reporterKeySalt: null },
    data: {
      reporterKeySalt: new Uint8Array(fresh),
      reporterPublicKey: new Uint8Array(pair.publicKey),
    },
  });
  if (count) return pair;
  const stored = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { reporterKeySalt: true },
  });
  return reporterKeyPair(receipt, stored.reporterKeySalt!);
}

export type ReporterSession = {
  reportId: string;
  /** The reporter's key pair, which opens their conversations. */
  reporterKey: KeyPair;
};

/** The report this token opens, or null; each use extends the idle window (up to two hours in all). */
export async function resolveReporterSession(
  token: string | undefined,
): Promise<ReporterSession | null> {
  if (!token || token.length > 100) return null;
  const session = await db.reporterSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, reportId: true, expiresAt: true, createdAt: true, reporterKey: true },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() < now || session.createdAt.getTime() + absoluteMs < now) {
    await db.reporterSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (session.expiresAt.getTime() - now < (idleSeconds - 60) * 1000) {
    await db.reporterSession.update({
      where: { id: session.id },
      data: { expiresAt: new Date(now + idleSeconds * 1000) },
    });
  }
  // A session that holds no reporter key (opened before sealed conversations) cannot read or write
  // the conversations: it ends, and the receipt, entered again, opens one that can.
  let reporterKey: KeyPair | null = null;
  if (session.reporterKey) {
    try {
      reporterKey = await unwrapFromSession(session.reporterKey, token, session.id);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
    }
  }
  if (!reporterKey) {
    await db.reporterSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  return { reportId: session.reportId, reporterKey };
}

/**
 * Deletes every session past its idle or absolute limit. An ended session opens nothing anyway,
 * but its row would still say that someone came back to that report, and when.
 */
export async function purgeEndedReporterSessions(now = new Date()): Promise<number> {
  const { count } = await db.reporterSession.deleteMany({
    where: {
      OR: [{ expiresAt: { lt: now } }, { createdAt: { lt: new Date(now.getTime() - absoluteMs) } }],
    },
  });
  return count;
}

export async function endReporterSession(token: string | undefined): Promise<void> {
  if (token) await db.reporterSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
