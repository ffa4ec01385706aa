import { describe, expect, it } from "vitest";
import { actionIdOfForm, isKnownAction } from "@/lib/http/known-actions";

// What proxy.ts reads to refuse a large post naming no action of this build before it holds an
// upload slot (the refusal itself is tested over HTTP in tests/http/upload-memory.test.ts).

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe("the action a form posted without JavaScript names", () => {
  it("is read from $ACTION_ID_<id> or from the descriptor $ACTION_REF_<n> points at", () => {
    expect(
      actionIdOfForm(
        form([
          ["$ACTION_ID_7fab12", ""],
          ["description", "x"],
        ]),
      ),
    ).toBe("7fab12");
    expect(
      actionIdOfForm(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", JSON.stringify({ id: "40cd", bound: "$@1" })],
          ["$ACTION_1:1", "[]"],
        ]),
      ),
    ).toBe("40cd");
  });

  it("is none for a form without an action, or a descriptor that does not read", () => {
    expect(actionIdOfForm(form([["description", "x"]]))).toBeNull();
    expect(
      actionIdOfForm(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{"],
        ]),
      ),
    ).toBeNull();
    expect(
      actionIdOfForm(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":5}'],
        ]),
      ),
    ).toBeNull();
    expect(actionIdOfForm(form([["$ACTION_REF_1", ""]]))).toBeNull();
  });
});

describe("whether an action is this build's", () => {
  it("cannot be known outside production (the development server's manifest is never complete)", () => {
    expect(process.env.NODE_ENV).not.toBe("production");
    expect(isKnownAction("7fab12")).toBeNull();
  });
});
