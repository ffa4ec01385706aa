import { ErrorContent } from "@/components/errors/error-content";

// Inside the reporters' frame, so the quick exit is on the 404 page too.
export default function PublicNotFound() {
  return <ErrorContent kind="notFound" />;
}
