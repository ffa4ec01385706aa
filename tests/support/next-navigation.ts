// Stands in for next/navigation in integration tests that call server actions directly: redirect
// throws what the test can catch and read, and unstable_rethrow lets exactly that through.
// Use: vi.mock("next/navigation", () => import("../support/next-navigation"));

export function redirect(url: string): never {
  throw Object.assign(new Error("NEXT_REDIRECT"), { url });
}

export function unstable_rethrow(error: unknown): void {
  if ((error as Error)?.message === "NEXT_REDIRECT") throw error;
}

// next-intl's navigation (lib/i18n/navigation.ts) imports these too; server actions never call them.
export function permanentRedirect(url: string): never {
  throw Object.assign(new Error("NEXT_REDIRECT"), { url });
}

export function useRouter(): never {
  throw new Error("useRouter is not available in integration tests");
}

export function usePathname(): never {
  throw new Error("usePathname is not available in integration tests");
}

/** The action's state, or "redirect" when it went on to another page (as on success it does). */
export async function stateOrRedirect(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if ((error as Error).message === "NEXT_REDIRECT") return "redirect";
    throw error;
  }
}
