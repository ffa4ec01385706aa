import type { ReactNode } from "react";

// The real layout, with <html>, is app/[locale]/layout.tsx. This one exists only because
// app/not-found.tsx (a path outside any language) needs a root layout above it.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
