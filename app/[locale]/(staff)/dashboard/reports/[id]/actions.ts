"use server";

import { revalidatePath } from "next/cache";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import { addIdentifiers } from "@/lib/links/add-identifier";
import { decideLink } from "@/lib/links/decide-link";
import type { IdentifierKind } from "@/lib/links/identifiers";
import { routeLinkedGroup, type GroupRouting } from "@/lib/links/route-group";
import { linkKeysOfSession } from "@/lib/links/session-links";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { addIdentifierSchema, decideLinkSchema, routeGroupSchema } from "@/lib/validation/links";

// Linked reports on the report page (lib/links). Each action checks its own caller; the decision
// and the hand-typed identifier are triage's, the group routing needs "reports.route".

export type DecideLinkState = StaffFormState<typeof decideLinkSchema>;
/** Done with the kinds of identifier recognised and indexed. */
export type AddIdentifierState = StaffFormState<typeof addIdentifierSchema, IdentifierKind[]>;
export type RouteGroupState = StaffFormState<typeof routeGroupSchema, GroupRouting>;

const refresh = () => revalidatePath("/[locale]/dashboard", "layout");

export const decideLinkAction = staffAction(
  "links.decide",
  decideLinkSchema,
  async (input, user) => {
    const result = await decideLink(user, input.reportId, input.otherReportId, input.decision);
    refresh();
    if (result !== "done") return refuse("notFound");
    return done(undefined, input.decision === "CONFIRMED" ? "confirmed" : "dismissed");
  },
);

// Digesting needs the index key, which only a triage session holding the police key opens.
export const addIdentifierAction = staffAction(
  "links.index",
  addIdentifierSchema,
  async (input, user) => {
    const keys = await linkKeysOfSession(user);
    if (!keys) return refuse("notAllowed");
    const added = await addIdentifiers(user, keys.indexKey, input.reportId, input.text);
    if (added.status !== "added")
      return added.status === "none"
        ? refuse("invalid", { text: "noIdentifier" })
        : refuse("notFound");
    refresh();
    return done(added.kinds);
  },
);

export const routeLinkedGroupAction = staffAction(
  "reports.route",
  routeGroupSchema,
  async (input, user) => {
    const result = await routeLinkedGroup(
      user,
      input.reportId,
      input.organizationIds,
      await heldKeysOfRequest(),
    );
    refresh();
    return result ? done(result) : refuse("notFound");
  },
);
