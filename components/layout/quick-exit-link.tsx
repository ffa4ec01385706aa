"use client";

import { useEffect } from "react";

const shiftPresses = 3;
const withinMs = 2000;

/**
 * Leaves at once for a neutral page (after GOV.UK's "Exit this page"). Without JavaScript it is a
 * plain link to this site's exit address, which ends any open report session, deletes the cookies
 * and redirects. With JavaScript, the button or Shift pressed three times blanks this page first,
 * tells the exit address by beacon, and replaces the current history entry, so Back does not
 * return to what was on screen. Nothing may stand in the way: no page of this site listens for
 * `beforeunload`.
 */
export function QuickExitLink({
  exitPath,
  neutralUrl,
  label,
  hint,
}: {
  exitPath: string;
  neutralUrl: string;
  label: string;
  hint: string;
}) {
  useEffect(() => {
    let presses: number[] = [];
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Shift" || event.repeat) return;
      const now = Date.now();
      presses = [...presses.filter((time) => now - time < withinMs), now];
      if (presses.length >= shiftPresses) leave(exitPath, neutralUrl);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [exitPath, neutralUrl]);

  return (
    <a
      href={exitPath}
      rel="noreferrer noopener"
      aria-describedby="quick-exit-hint"
      onClick={(event) => {
        event.preventDefault();
        leave(exitPath, neutralUrl);
      }}
      className="quick-exit"
      data-quick-exit
    >
      {label}
      <span id="quick-exit-hint" className="sr-only">
        {hint}
      </span>
    </a>
  );
}

function leave(exitPath: string, neutralUrl: string) {
  try {
    navigator.sendBeacon(exitPath);
  } catch {
    // The neutral page comes first; the server session still ends after 10 minutes idle.
  }
  document.title = "";
  document.body.replaceChildren();
  window.location.replace(neutralUrl);
}
