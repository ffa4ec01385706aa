// For the browser tests of the statistics page: stores reports through the real createReport (so
// their content is encrypted as always), then gives them the plaintext answers and the time of
// receipt the test asks for. Closed now, so that no other test's triage list shows them and
// retention keeps them for its whole period. Run with
// tsx --conditions=react-server tests/support/statistics-reports-cli.ts '[{"region":"podravska","createdAt":"2019-03-02T10:00:00Z"}]'
import { db } from "@/lib/db";
import { storedReport } from "./case-data";

const wanted = JSON.parse(process.argv[2] ?? "[]") as { region: string; createdAt: string }[];
for (const { region, createdAt } of wanted) {
  const { id } = await storedReport("LOW");
  await db.report.update({
    where: { id },
    data: { region, createdAt: new Date(createdAt), status: "CLOSED", closedAt: new Date() },
  });
}
await db.$disconnect();
