import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

// The server actions this build has, from the manifest `next build` writes. proxy.ts refuses a
// large post naming any other action before it holds an upload slot (lib/http/upload-slots.ts):
// Next.js would refuse it too, but only after the proxy had read it in a slot, and nothing would
// give the slot back before its fallback. Production only: the development server compiles
// actions on demand, so its manifest is never complete.

let known: Set<string> | null | undefined;

/** Whether `id` is one of this build's actions; null when that cannot be known (development). */
export function isKnownAction(id: string): boolean | null {
  if (known === undefined) known = process.env.NODE_ENV === "production" ? readManifest() : null;
  return known === null ? null : known.has(id);
}

function readManifest(): Set<string> | null {
  try {
    const file = path.join(
      /* turbopackIgnore: true */ process.cwd(),
      ".next",
      "server",
      "server-reference-manifest.json",
    );
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, unknown> };
    return new Set(Object.keys(manifest.node ?? {}));
  } catch {
    return null;
  }
}

/**
 * The action a form posted without JavaScript names: `$ACTION_ID_<id>` when nothing is bound,
 * else the id in `$ACTION_<n>:0` (see lib/security/action-envelope.ts, which has checked the
 * envelope is well formed). Null when it names none.
 */
export function actionIdOfForm(form: FormData): string | null {
  for (const name of form.keys()) {
    if (name.startsWith("$ACTION_ID_")) return name.slice("$ACTION_ID_".length);
    const reference = /^\$ACTION_REF_(\d+)$/.exec(name);
    if (reference) {
      try {
        const descriptor = JSON.parse(String(form.get(`$ACTION_${reference[1]}:0`))) as {
          id?: unknown;
        };
        return typeof descriptor.id === "string" ? descriptor.id : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
