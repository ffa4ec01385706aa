import { expect, test, type Browser } from "@playwright/test";
import { createStaff, signIn, tsx, type Person } from "./staff-support";
import { messages, query } from "./support";
import { linkedReportTexts } from "../support/linked-report-texts";

// Linked reports (issue 16) in the browser: a triage officer whose session holds the police key
// opens three reports that share a phone number written three ways and a plate; each look indexes
// that report, and the panel shows the others with what matched. Confirming with JavaScript,
// dismissing without it; a dismissed link stays dismissed.

const m = messages.en.Links;

function reportsSharingIdentifiers(officer: Person): string[] {
  return JSON.parse(
    tsx(["tests/support/linked-reports-cli.ts", officer.email, ...linkedReportTexts])
      .trim()
      .split("\n")
      .pop()!,
  );
}

/** One sign-in (a TOTP code works once), then browser contexts with and without JavaScript. */
async function signedIn(browser: Browser, person: Person) {
  const signing = await browser.newContext();
  await signIn(await signing.newPage(), person, "en");
  const storageState = await signing.storageState();
  await signing.close();
  return (javaScriptEnabled: boolean) => browser.newContext({ javaScriptEnabled, storageState });
}

test("triage sees possibly linked reports, confirms one with JavaScript and dismisses one without", async ({
  browser,
}) => {
  const officer = createStaff("TRIAGE");
  const ids = reportsSharingIdentifiers(officer);
  const references = await query<{ id: string; number: number }>(
    `SELECT id::text, number FROM "Report" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const reference = (id: string) =>
    new RegExp(`TR-\\d{4}-${String(references.find((r) => r.id === id)!.number).padStart(5, "0")}`);

  const context = await signedIn(browser, officer);
  const withScript = await context(true);
  const page = await withScript.newPage();
  // Each look indexes that report; the first two find nothing yet or only each other.
  for (const id of [ids[1], ids[2], ids[0]]) await page.goto(`/en/dashboard/reports/${id}`);
  const panel = page.getByTestId("links-panel");
  await expect(panel.getByRole("heading", { name: m.title })).toBeVisible();
  const rows = panel.getByTestId("linked-report");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all())
    await expect(row).toContainText(`${m.matchedBy}: ${m.kinds.phone}, ${m.kinds.plate}`);
  // Not a plaintext identifier on the page, only what kind matched.
  await expect(panel).not.toContainText("321654");

  const first = rows.filter({ hasText: reference(ids[1]!) });
  await first.getByRole("button", { name: m.confirm }).click();
  await expect(panel.getByText(m.confirmed)).toBeVisible();
  await page.reload();
  await expect(
    panel.getByTestId("linked-report").filter({ hasText: reference(ids[1]!) }),
  ).toContainText("Confirmed by");
  // A confirmed group can be routed together.
  await expect(panel.getByTestId("route-group")).toBeVisible();
  await withScript.close();

  const withoutScript = await context(false);
  const plain = await withoutScript.newPage();
  await plain.goto(`/en/dashboard/reports/${ids[0]}`);
  const plainPanel = plain.getByTestId("links-panel");
  await plainPanel
    .getByTestId("linked-report")
    .filter({ hasText: reference(ids[2]!) })
    .getByRole("button", { name: m.dismiss })
    .click();
  await expect(plainPanel.getByText(m.dismissedTitle.replace("{count}", "1"))).toBeVisible();
  await plain.goto(`/en/dashboard/reports/${ids[0]}`);
  await expect(plainPanel.getByTestId("linked-report")).toHaveCount(2);
  const dismissed = plainPanel.getByTestId("dismissed-links");
  await plainPanel.getByText(m.dismissedTitle.replace("{count}", "1")).click();
  await expect(dismissed.getByTestId("linked-report")).toContainText("Dismissed by");
  // Seen from the other report, the dismissed link is still dismissed.
  await plain.goto(`/en/dashboard/reports/${ids[2]}`);
  await expect(plainPanel.getByTestId("dismissed-links").getByTestId("linked-report")).toHaveCount(
    1,
  );
  await withoutScript.close();
});
