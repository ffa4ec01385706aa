// Every encrypted column in the database, the one place that says so. Writers and readers take
// their associated data from here, lib/db.ts leaves these columns out of every query unless asked
// for, and key rotation (rotate-keys.ts) re-encrypts exactly these. prisma/schema.prisma marks
// the same columns `/// @encrypted`; tests/unit/encrypted-fields.test.ts fails when the two differ.
//
// storage: "text" is an envelope in a text column (encryptText); "bytes" is iv ‖ ciphertext ‖ tag
// in a bytea column whose key id lives in the model's `keyId` column (encryptBytes).
// binding: how the associated data ties a value to its place, so a value copied into another row
// or column fails to decrypt instead of being shown out of place:
//   "row"  <label>:<row id>:<column>   (rowAad)
//
// Invariant: the associated data of an existing column never changes — every value written
// before would stop decrypting. A new binding kind gets a new function beside rowAad.

type Storage = "text" | "bytes";
type Binding = "row";

const encryptedFields = {
  Report: {
    label: "report",
    binding: "row",
    columns: { description: "text", contact: "text", placeDetails: "text", closeReason: "text" },
  },
  Referral: { label: "referral", binding: "row", columns: { note: "text" } },
  Note: { label: "note", binding: "row", columns: { body: "text" } },
  Message: { label: "message", binding: "row", columns: { body: "text" } },
  Attachment: {
    label: "attachment",
    binding: "row",
    columns: { fileName: "text", content: "bytes" },
  },
} as const satisfies Record<
  string,
  { label: string; binding: Binding; columns: Record<string, Storage> }
>;

/** The associated data of each binding kind, byte for byte. */
const bindings: Record<Binding, (label: string, rowId: string, column: string) => string> = {
  row: (label, rowId, column) => `${label}:${rowId}:${column}`,
};

type EncryptedModel = keyof typeof encryptedFields;
export type EncryptedColumn<M extends EncryptedModel> =
  keyof (typeof encryptedFields)[M]["columns"] & string;

type RowBoundModel = {
  [M in EncryptedModel]: (typeof encryptedFields)[M]["binding"] extends "row" ? M : never;
}[EncryptedModel];

/** The associated data of a "row"-bound value: its model's label, its row id and its column. */
export function rowAad<M extends RowBoundModel>(
  model: M,
  column: EncryptedColumn<M>,
  rowId: string,
): string {
  return bindings.row(encryptedFields[model].label, rowId, column);
}

export type EncryptedColumnEntry = {
  model: EncryptedModel;
  column: string;
  storage: Storage;
  aad: (rowId: string) => string;
};

/** The table as rows, for code that walks it (rotation, the schema test). */
export function encryptedColumnList(): EncryptedColumnEntry[] {
  return (Object.keys(encryptedFields) as EncryptedModel[]).flatMap((model) => {
    const { label, binding, columns } = encryptedFields[model];
    return Object.entries(columns).map(([column, storage]) => ({
      model,
      column,
      storage,
      aad: (rowId: string) => bindings[binding](label, rowId, column),
    }));
  });
}

type EncryptedOmit = {
  [M in EncryptedModel as Uncapitalize<M>]: {
    [C in EncryptedColumn<M>]: true;
  };
};

/** Prisma's global `omit` for every encrypted column (the client's keys are uncapitalised). */
export function encryptedOmit(): EncryptedOmit {
  const omit: Record<string, Record<string, true>> = {};
  for (const { model, column } of encryptedColumnList()) {
    const key = model[0]!.toLowerCase() + model.slice(1);
    omit[key] = { ...omit[key], [column]: true };
  }
  return omit as EncryptedOmit;
}
