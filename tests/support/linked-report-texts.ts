// The tips the linked-reports browser test submits (tests/e2e/linked-reports.spec.ts): one phone
// number written three ways and one plate written three ways. tests/leaks looks for every form of
// them, and for their normalised values, in every table and every server log after the suite.

export const linkedReportTexts = [
  "A man called from 041 321 654 and offered farm work; he drove a van with plates KP CD-456.",
  "They have to call +386 41 321654 every evening. The van outside is KP-CD 456.",
  "Number 0038641321654 was on the advertisement; a van, kp cd456, picks the workers up.",
];

/** Each identifier as written above and as normalised (lib/links/identifiers.ts). */
export const linkedIdentifierForms = [
  "041 321 654",
  "+386 41 321654",
  "0038641321654",
  "+38641321654",
  "38641321654",
  "KP CD-456",
  "KP-CD 456",
  "kp cd456",
  "KPCD456",
];
