import { notFound } from "next/navigation";

// An unknown dashboard address gets the staff workspace's 404 ((staff)/not-found.tsx), after the
// dashboard layout has sent anyone signed out to sign in.
export default function UnknownDashboardPage() {
  notFound();
}
