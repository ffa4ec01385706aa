import { chromium, type Browser } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../../scripts/lib/chromium.mjs";

export { chromiumArgs, chromiumPath };

/** For tests outside Playwright's runner that still need a real browser (tests/http). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
