import { format } from "../../../core/src";
import { commerceTexts } from "./labels";
import type { NotificationType } from "./outbox";
import type { Prospect } from "./prospects";

export interface RenderedEmail {
  notificationType: NotificationType;
  subject: string;
  body: string;
}

/** The *B2B prospect approved* notification, in the channel's language. */
export function approvedEmail(prospect: Prospect, organizationAccount: string, languageId: number): RenderedEmail {
  const t = commerceTexts(languageId).email;
  return {
    notificationType: "B2BProspectApproved",
    subject: format(t.approvedSubject, prospect.companyName),
    body: format(t.approvedBody, prospect.firstName, prospect.companyName, organizationAccount),
  };
}

/** The *B2B prospect rejected* notification, in the channel's language. */
export function rejectedEmail(prospect: Prospect, languageId: number): RenderedEmail {
  const t = commerceTexts(languageId).email;
  return {
    notificationType: "B2BProspectRejected",
    subject: format(t.rejectedSubject, prospect.companyName),
    body: format(t.rejectedBody, prospect.firstName, prospect.companyName),
  };
}
