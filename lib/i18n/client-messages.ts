import "server-only";
import { getMessages } from "next-intl/server";

export { publicClientNamespaces, staffClientNamespaces } from "./client-namespaces";

export async function clientMessages(namespaces: readonly string[]) {
  const messages = (await getMessages()) as Record<string, unknown>;
  return Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
}
