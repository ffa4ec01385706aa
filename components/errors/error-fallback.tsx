"use client";

import { createContext, useContext, type ReactNode } from "react";

// error.tsx must be a client component, and reporter pages send no i18n catalogue to the
// browser. So the localized error page is rendered on the server with every page (a few hundred
// bytes) and handed down through this context; the error boundary only shows it.
const ErrorFallback = createContext<ReactNode>(null);

export function ErrorFallbackProvider({
  fallback,
  children,
}: {
  fallback: ReactNode;
  children: ReactNode;
}) {
  return <ErrorFallback.Provider value={fallback}>{children}</ErrorFallback.Provider>;
}

export function useErrorFallback(): ReactNode {
  return useContext(ErrorFallback);
}
