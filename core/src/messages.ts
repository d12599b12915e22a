/**
 * The user-facing texts of the hand-off rules, in every language the solution ships. Form scripts
 * (shown to the rep) and webhook handlers (returned as the refusal message) use the same words.
 *
 * One module per table under `texts/`, so a form script bundles only the tables it shows (issue 14:
 * the lead form needs the qualification and refusal texts, the opportunity form the close-as-won and
 * refusal texts, neither the webhook's approver and hand-off-column texts). This module gathers them
 * for the webhook and tests; the form scripts import the `texts/` modules directly.
 */
export { format } from "./texts/inLanguage";
export { describeProblem, describeQualificationBlock, describeRequirement } from "./texts/qualificationTexts";
export { describeCloseWonBlocker } from "./texts/closeWonTexts";
export { describeRefusal } from "./texts/refusalTexts";
export { describeApproverRequired } from "./texts/approverTexts";
export { describeProspectColumnRefusal, describeProspectStatus } from "./texts/prospectStatusTexts";
