import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  acquireUploadSlot,
  isLargePost,
  releaseUploadSlot,
  uploadSlotsInUse,
} from "@/lib/http/upload-slots";

// The registry of large posts being parsed (lib/http/upload-slots.ts): a few at once, a short line
// with a bounded wait, and a slot never lost.

beforeEach(() => {
  vi.useFakeTimers();
  process.env.UPLOAD_SLOTS = "2";
  process.env.UPLOAD_QUEUE = "1";
  process.env.UPLOAD_WAIT_SECONDS = "5";
});
afterEach(() => {
  vi.useRealTimers();
  for (const name of ["UPLOAD_SLOTS", "UPLOAD_QUEUE", "UPLOAD_WAIT_SECONDS"])
    delete process.env[name];
});

describe("upload slots", () => {
  it("which posts take one: over 1 MB, or of unknown length (chunked)", () => {
    expect(isLargePost(new Headers({ "content-length": "1048576" }))).toBe(false);
    expect(isLargePost(new Headers({ "content-length": "1048577" }))).toBe(true);
    expect(isLargePost(new Headers())).toBe(true);
  });

  it("two at once, one waiting, the next told at once; a release lets the waiting one in", async () => {
    expect(await acquireUploadSlot("a")).toBe(true);
    expect(await acquireUploadSlot("b")).toBe(true);
    const c = acquireUploadSlot("c");
    expect(await acquireUploadSlot("d")).toBe(false);
    expect(uploadSlotsInUse()).toEqual({ active: 2, waiting: 1 });
    releaseUploadSlot("a");
    releaseUploadSlot("a"); // twice (action and proxy both finishing) gives back one slot only
    expect(await c).toBe(true);
    expect(uploadSlotsInUse()).toEqual({ active: 2, waiting: 0 });
    releaseUploadSlot("b");
    releaseUploadSlot("c");
    releaseUploadSlot(undefined);
    expect(uploadSlotsInUse()).toEqual({ active: 0, waiting: 0 });
  });

  it("a wait is bounded, and a slot never given back is reclaimed", async () => {
    expect(await acquireUploadSlot("a")).toBe(true);
    expect(await acquireUploadSlot("b")).toBe(true);
    process.env.UPLOAD_WAIT_SECONDS = "2";
    const c = acquireUploadSlot("c");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await c).toBe(false);
    expect(uploadSlotsInUse()).toEqual({ active: 2, waiting: 0 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(uploadSlotsInUse()).toEqual({ active: 0, waiting: 0 });
    expect(await acquireUploadSlot("d")).toBe(true);
    releaseUploadSlot("d");
  });
});
