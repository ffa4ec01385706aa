import { expect, test } from "@playwright/test";
import { createStaff, signIn } from "./staff-support";
import { messages, query, sendReport } from "./support";

// Each test sends reports and signs staff in: minutes on two shared cores.
test.setTimeout(240_000);

const sl = messages.sl;

test("overdue reports are marked in words, lead the list and have a filter; a taken report shows its holder", async ({
  browser,
}) => {
  const reporter = await (await browser.newContext()).newPage();
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    ids.push((await sendReport(reporter)).reportId);
  }
  const [late, fresh] = ids as [string, string];
  // Received three days ago and never opened: past any first-look deadline.
  await query(`UPDATE "Report" SET "createdAt" = now() - interval '3 days' WHERE id = $1`, [late]);

  const officer = createStaff("TRIAGE");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, officer, "sl");
  const row = (id: string) => page.locator("tr", { has: page.locator(`a[href$="${id}"]`) });

  await page.goto("/sl/dashboard/reports");
  await expect(row(late).getByTestId("overdue")).toContainText(sl.Deadlines.overdue);
  await expect(row(late).getByTestId("overdue")).toContainText(sl.Deadlines.kind.firstLook);
  await expect(row(fresh).getByTestId("overdue")).toHaveCount(0);
  // Urgency first (a fresh critical report stays above an overdue low one), then overdue within
  // each urgency: the late report leads its own urgency.
  const order = await page
    .getByTestId("report-list")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute("data-urgency"),
        tr.getAttribute("data-overdue") === "true",
      ]),
    );
  const rank = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
  const ranks = order.map(([urgency]) => rank.indexOf(urgency as string));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  for (const level of rank) {
    const lateness = order.filter(([urgency]) => urgency === level).map(([, late]) => late);
    const firstOnTime = lateness.indexOf(false);
    if (firstOnTime >= 0) expect(lateness.slice(firstOnTime).includes(true), level).toBe(false);
  }
  const lateUrgency = await row(late).getAttribute("data-urgency");
  expect(order.find(([urgency]) => urgency === lateUrgency)).toEqual([lateUrgency, true]);

  await page.getByLabel(sl.Deadlines.filterOverdue).check();
  await page.getByRole("button", { name: sl.Triage.applyFilters }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(row(late)).toHaveCount(1);
  await expect(row(fresh)).toHaveCount(0);

  // Taking: the page says it is mine, the filter "assigned to me" finds it, releasing frees it.
  await page.goto(`/sl/dashboard/reports/${fresh}`);
  const assignment = page.getByTestId("assignment").first();
  await expect(assignment.getByTestId("holder")).toHaveText(sl.Assignment.unassigned);
  await assignment.getByRole("button", { name: sl.Assignment.take }).click();
  await expect(assignment.getByTestId("holder")).toHaveText(sl.Assignment.mine);
  await page.goto("/sl/dashboard/reports?mine=1");
  await expect(row(fresh)).toHaveCount(1);
  await expect(row(late)).toHaveCount(0);

  // Another officer sees who has it, and no Take button.
  const [holder] = await query<{ name: string }>(
    'SELECT u.name FROM "User" u JOIN "Report" r ON r."assigneeId" = u.id WHERE r.id = $1',
    [fresh],
  );
  const other = await (await browser.newContext()).newPage();
  await signIn(other, createStaff("TRIAGE"), "sl");
  await other.goto(`/sl/dashboard/reports/${fresh}`);
  const seen = other.getByTestId("assignment").first();
  await expect(seen.getByTestId("holder")).toHaveText(
    sl.Assignment.heldBy.replace("{name}", holder!.name),
  );
  await expect(seen.getByRole("button")).toHaveCount(0);

  await page.goto(`/sl/dashboard/reports/${fresh}`);
  await page.getByRole("button", { name: sl.Assignment.release }).click();
  await expect(page.getByTestId("assignment").first().getByTestId("holder")).toHaveText(
    sl.Assignment.unassigned,
  );
});
