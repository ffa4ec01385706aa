import type { Resolver } from "react-hook-form";
import type { ReportData, ReportInput } from "@/lib/validation/report";

// The schema and its resolver (zod, ~40 kB gzipped) are not part of the first load: they are
// fetched once the page is up (an effect in report-fields.tsx) and are there long before anyone has
// answered enough to press "Send". Without JavaScript the server checks with the same schema.
export const loadResolver = () =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/validation/report")]).then(
    ([{ zodResolver }, { reportSchema }]) => zodResolver(reportSchema),
  );
export const resolver: Resolver<ReportInput, unknown, ReportData> = async (
  values,
  context,
  options,
) => (await loadResolver())(values, context, options);
