"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs in the browser: marks
 * where JavaScript has taken over (our own checks instead of the browser's). Without JavaScript
 * the page keeps the server's answer.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
