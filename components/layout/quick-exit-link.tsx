"use client";

import { useEffect } from "react";

const shiftPresses = 3;
const withinMs = 2000;

/**
 * Leaves at once for a neutral page (after GOV.UK's "Exit this page"). Without JavaScript it is a
 * plain link. With JavaScript, the button or Shift pressed three times blanks this page first and
 * replaces the current history entry, so Back does not return to what was on screen.
 */
export function QuickExitLink({ href, label, hint }: { href: string; label: string; hint: string }) {
  useEffect(() => {
    let presses: number[] = [];
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Shift" || event.repeat) return;
      const now = Date.now();
      presses = [...presses.filter((time) => now - time < withinMs), now];
      if (presses.length >= shiftPresses) leave(href);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [href]);

  return (
    <a
      href={href}
      rel="noreferrer noopener"
      aria-describedby="quick-exit-hint"
      onClick={(event) => {
        event.preventDefault();
        leave(href);
      }}
      className="inline-flex min-h-11 items-center rounded-md bg-red-800 px-4 py-2 font-semibold text-white no-underline hover:bg-red-900"
      data-quick-exit
    >
      {label}
      <span id="quick-exit-hint" className="sr-only">
        {hint}
      </span>
    </a>
  );
}

function leave(href: string) {
  document.title = "";
  document.body.replaceChildren();
  window.location.replace(href);
}
