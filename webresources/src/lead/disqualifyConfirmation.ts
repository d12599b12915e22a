/**
 * The Disqualify command asks the rep before it hands over to Sales. When Sales then saves the form
 * with save mode Disqualify, the form's OnSave must not ask a second time: the command leaves the
 * answer here for exactly one save of that lead.
 */
const confirmed = new Set<string>();

export function rememberDisqualifyConfirmed(leadId: string): void {
  confirmed.add(leadId);
}

/** True once per confirmation. */
export function takeDisqualifyConfirmation(leadId: string): boolean {
  return confirmed.delete(leadId);
}
