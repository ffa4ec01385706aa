import "server-only";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { log } from "@/lib/log";
import { createSlots, runPdfTask } from "./pdf-run";

// The safe copy staff get by default (the Dangerzone approach): poppler's pdftoppm draws each page
// as a picture, and a new PDF is made of nothing but those pictures. Whatever the original carried
// (JavaScript, actions, embedded files, forms, fonts with exploits) does not survive being drawn.
// Made when staff ask for it, never at upload: a stranger's junk costs no CPU until staff choose to
// open it. One at a time; pdftoppm runs with a time limit, a memory limit (prlimit, part of
// util-linux) and in a private folder removed afterwards.

export const safeCopyLimits = {
  /** Pages drawn; the staff page says so when a PDF has more. */
  maxPages: 50,
  /** Longer side of each page picture, in pixels: readable text, bounded work per page. */
  longerSidePx: 1600,
  timeoutMs: 90_000,
  /** Address space for pdftoppm: a page image bomb fails instead of taking the server's memory. */
  memoryBytes: 1024 * 1024 * 1024,
} as const;

export type SafeCopy =
  { ok: true; bytes: Uint8Array; pages: number } | { ok: false; reason: "unavailable" | "failed" };

const withRenderSlot = createSlots(1);

/** The renderer; PDFTOPPM_PATH lets an operator point at another build (and tests at a missing one). */
const renderer = () => process.env.PDFTOPPM_PATH || "pdftoppm";

// The renderer's path comes from the environment: Turbopack is told not to trace it as a file of
// the project (turbopackIgnore), which would pull the whole project into the server's trace.
const availability = new Map<string, Promise<boolean>>();

/** Whether pdftoppm can be started here (asked once per process and path). */
export function isPdfRendererAvailable(): Promise<boolean> {
  const bin = renderer();
  let known = availability.get(bin);
  if (!known) {
    known = new Promise((resolve) =>
      execFile(/* turbopackIgnore: true */ bin, ["-v"], { timeout: 5000 }, (error) =>
        resolve(!error || (error as { code?: unknown }).code !== "ENOENT"),
      ),
    );
    availability.set(bin, known);
  }
  return known;
}

export async function makeSafePdfCopy(original: Uint8Array): Promise<SafeCopy> {
  if (!(await isPdfRendererAvailable())) return { ok: false, reason: "unavailable" };
  return withRenderSlot(async () => {
    const started = Date.now();
    // mkdtemp makes the folder 0700: other local users cannot read the decrypted original.
    const dir = await mkdtemp(path.join(os.tmpdir(), "prijavi-pdf-"));
    try {
      await writeFile(path.join(dir, "original.pdf"), original, { mode: 0o600 });
      const args = [
        "-jpeg",
        "-jpegopt",
        "quality=85",
        "-scale-to",
        String(safeCopyLimits.longerSidePx),
        "-f",
        "1",
        "-l",
        String(safeCopyLimits.maxPages),
        "original.pdf",
        "page",
      ];
      const command = existsSync("/usr/bin/prlimit")
        ? ([
            "/usr/bin/prlimit",
            [`--as=${safeCopyLimits.memoryBytes}`, "--", renderer(), ...args],
          ] as const)
        : ([renderer(), args] as const);
      await new Promise<void>((resolve, reject) =>
        execFile(
          /* turbopackIgnore: true */ command[0],
          [...command[1]],
          {
            cwd: dir,
            timeout: safeCopyLimits.timeoutMs,
            killSignal: "SIGKILL",
            maxBuffer: 64 * 1024,
            env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "" },
          },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
      const pages = (await readdir(dir))
        .map((name) => /^page-(\d+)\.jpg$/.exec(name))
        .filter((match): match is RegExpExecArray => match !== null)
        .sort((a, b) => Number(a[1]) - Number(b[1]));
      if (pages.length === 0) return { ok: false, reason: "failed" } as const;
      const images = await Promise.all(
        pages.map(async (match) => new Uint8Array(await readFile(path.join(dir, match[0])))),
      );
      const rebuilt = await runPdfTask<{ ok: true; bytes: Uint8Array }>(
        { task: "rebuild", images },
        { timeoutMs: 30_000 },
      );
      if (!rebuilt.ok) return { ok: false, reason: "failed" } as const;
      log.info("pdf.safe_copy_made", { pages: pages.length, ms: Date.now() - started });
      return { ok: true, bytes: rebuilt.bytes, pages: pages.length } as const;
    } catch (error) {
      const killed = (error as { killed?: boolean; signal?: string }).signal === "SIGKILL";
      log.warn("pdf.safe_copy_failed", {
        outcome: killed ? "timeout" : "error",
        ms: Date.now() - started,
      });
      return { ok: false, reason: "failed" } as const;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
