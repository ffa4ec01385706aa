// Stands in for next/headers in integration tests that call staff actions and pages' data
// functions directly: every call sees the headers (and the session cookie in them) of whoever the
// test last signed in as. Use: vi.mock("next/headers", () => import("../support/next-headers"));
// then `actAs(person.headers)` (or `actAs(new Headers())` for a signed-out caller).

let current = new Headers();

export function actAs(headersOfCaller: Headers): void {
  current = headersOfCaller;
}

export async function headers(): Promise<Headers> {
  return current;
}

export async function cookies() {
  return {
    toString: () => current.get("cookie") ?? "",
    get: (name: string) => {
      const found = (current.get("cookie") ?? "")
        .split(/;\s*/)
        .map((pair) => pair.split("="))
        .find(([key]) => key === name);
      return found ? { name, value: found.slice(1).join("=") } : undefined;
    },
    getAll: () => [],
    set: () => {},
    delete: () => {},
  };
}
