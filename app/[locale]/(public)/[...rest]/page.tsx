import { notFound } from "next/navigation";

// Any unknown path under a language gets that language's 404 page ((public)/not-found.tsx),
// inside the site's layout with the quick exit, rather than Next's bare English one.
export default function UnknownPage() {
  notFound();
}
