import "server-only";
import { cookies } from "next/headers";
import { secureCookies } from "@/lib/config";

// The cookie that carries a session vault's ticket (lib/keys/session-vault.ts). HttpOnly, so no
// script reads it; SameSite=Strict and the __Host- prefix where cookies are Secure, like the
// session's own. Written only by server actions (sign-in, the code step, keys made or recovered).

export type VaultCookie = {
  read: () => string | null;
  write: (ticket: string, maxAgeSeconds: number) => void;
  clear: () => void;
};

const name = () => (secureCookies() ? "__Host-prijavi.key-vault" : "prijavi.key-vault");

/** This request's vault cookie, through next/headers. */
export async function requestVaultCookie(): Promise<VaultCookie> {
  const jar = await cookies();
  // A __Host- cookie is only replaced (or expired) by one set with the same attributes.
  const set = (value: string, maxAge: number) =>
    jar.set(name(), value, {
      httpOnly: true,
      sameSite: "strict",
      secure: secureCookies(),
      path: "/",
      maxAge,
    });
  return {
    read: () => jar.get(name())?.value ?? null,
    write: (ticket, maxAgeSeconds) => set(ticket, maxAgeSeconds),
    clear: () => set("", 0),
  };
}
