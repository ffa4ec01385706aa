"use client";

import { useErrorFallback } from "@/components/errors/error-fallback";

// The localized page comes from the layout (components/errors/error-fallback.tsx); the error
// itself is never shown: its message may say more than a reporter should see.
export default function ErrorPage() {
  return useErrorFallback();
}
