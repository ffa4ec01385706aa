import { ErrorContent } from "@/components/errors/error-content";

export default function NotFound() {
  return <ErrorContent kind="notFound" />;
}
