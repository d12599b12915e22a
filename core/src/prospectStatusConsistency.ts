import { LeadState, OpportunityState, ProspectStatus, type ProspectStatusValue } from "./columns";

/**
 * What the records say a Commerce B2B prospect's status must be. The status is never a decision of its
 * own: it mirrors the lead and the opportunity qualified from it, and the hand-off only copies that
 * into `msdyn_b2bprospectstatus` for dual-write to carry to Commerce.
 *
 * - a disqualified lead: Rejected;
 * - an open lead (new, or reactivated): Pending — an opportunity a reactivated lead was once qualified
 *   into no longer speaks for it;
 * - a qualified lead: its opportunity decides — Won: Approved, Lost: Rejected, open (or none found):
 *   Pending.
 *
 * Null when the lead's state is not known: nothing can be shown to be consistent then.
 */
export interface ProspectRecords {
  /** The lead's statecode now. */
  leadState: number | null;
  /** The statecode of the lead's opportunity (qualifyingopportunityid, else the one whose originatingleadid is the lead); null when there is none. */
  opportunityState: number | null;
}

export function expectedProspectStatus(records: ProspectRecords): ProspectStatusValue | null {
  switch (records.leadState) {
    case LeadState.Disqualified:
      return ProspectStatus.Rejected;
    case LeadState.Open:
      return ProspectStatus.Pending;
    case LeadState.Qualified:
      if (records.opportunityState === OpportunityState.Won) return ProspectStatus.Approved;
      if (records.opportunityState === OpportunityState.Lost) return ProspectStatus.Rejected;
      return ProspectStatus.Pending;
    default:
      return null;
  }
}

/** Whether the lead's state alone decides (open, disqualified), so that no opportunity needs to be read. */
export function leadStateDecides(leadState: number | null): boolean {
  return leadState === LeadState.Open || leadState === LeadState.Disqualified;
}

/**
 * The hand-off columns dual-write owns on a lead: whether it is a Commerce B2B prospect, which prospect,
 * and its status. Users change none of them directly; the status changes through the hand-off (which
 * writes what `expectedProspectStatus` says) and all three through dual-write's application user.
 */
export type ProspectColumnRefusal =
  /** `msdyn_b2bprospectstatus` set to a value the lead and its opportunity do not support. */
  | "prospectStatusNotConsistent"
  /** `msdyn_b2bcommerceprospect` or `msdyn_prospectid` changed by someone other than an application user. */
  | "dualWriteColumnsOnly"
  /** The request was too large for Dataverse to send it (trimmed payload): the change cannot be checked. */
  | "prospectChangeNotVisible";
