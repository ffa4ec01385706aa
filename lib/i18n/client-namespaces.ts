// Only the namespaces that client components use are sent to the browser, and staff texts never
// on reporter pages: every message passed to a client provider is serialised into each page.
// tests/unit/client-namespaces.test.ts keeps these lists in step with the components.
export const publicClientNamespaces = [
  "ReportForm",
  "Receipt",
  "Emergency",
  "FollowUp",
  "Attachments",
] as const;
export const staffClientNamespaces = [
  ...publicClientNamespaces,
  "LanguageSwitcher",
  "StaffAuth",
  "StaffErrors",
  "Dashboard",
  "Triage",
  "Organizations",
  "Routing",
  "Assignment",
  "ReferralCard",
  "InviteForm",
  "OrganizationKeys",
  "Links",
  "SealedReports",
] as const;
