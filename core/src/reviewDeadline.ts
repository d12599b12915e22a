import { EnvironmentVariableTables, LeadColumns, LeadState, ProspectStatus } from "./columns";

/**
 * The review deadline (issue 16): how long a partner who signed up may wait for Sales to qualify or
 * disqualify the Commerce B2B lead. One rule, used by the lead form notification, the provenance control,
 * the view *Commerce B2B leads past the review deadline*, the waiting-time chart and the sandbox's Sales Hub.
 *
 * Why the view filters on `createdon` with FetchXML's `olderthan-x-hours` rather than on a stamped column:
 * a view cannot read an environment variable, and a stamped deadline column would need a server write on
 * every lead dual-write creates (each one a change event on a dual-written table) and a re-stamp of every
 * waiting lead whenever the value changes. `createdon` already is the sign-up time, so the deadline is
 * `createdon + hours` for every lead, old or new; the number lives in two documented places, the environment
 * variable (form, control) and the view's condition (lists, charts), and README's *Changing the review
 * deadline* changes both. `reviewDeadlineCondition` below writes the condition the view must carry, and the
 * solution tests compare the shipped view with it for the default.
 */
export const ReviewDeadline = {
  /** Environment variable (Number type) an admin sets in the maker portal. */
  environmentVariable: "cb2b_ReviewDeadlineHours",
  defaultHours: 48,
  /** The longest deadline accepted (a year): anything larger, or not a positive whole number, falls back to the default. */
  maxHours: 24 * 366,
} as const;

/**
 * The deadline in force from the environment variable's text (a Number variable's value is a string in
 * `environmentvariablevalue.value`): a positive whole number of hours, else the default.
 */
export function effectiveReviewDeadlineHours(value: unknown): number {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d+$/.test(text)) return ReviewDeadline.defaultHours;
  const hours = Number(text);
  return hours > 0 && hours <= ReviewDeadline.maxHours ? hours : ReviewDeadline.defaultHours;
}

const { definition, value, valuesRelationship } = EnvironmentVariableTables;

/**
 * The Web API query options (for `retrieveMultipleRecords("environmentvariabledefinition", …)`) that read the
 * variable's default and its current value: the definition with its values expanded, as Microsoft documents
 * reading environment variables (learn.microsoft.com/power-apps/maker/data-platform/environmentvariables).
 */
export function reviewDeadlineQueryOptions(): string {
  return `?$select=${definition.defaultValue}&$filter=${definition.schemaName} eq '${ReviewDeadline.environmentVariable}'&$expand=${valuesRelationship}($select=${value.value})`;
}

/** The deadline in force from that query's rows: the current value (an environmentvariablevalue row), else the default. */
export function reviewDeadlineHoursFrom(rows: readonly Record<string, unknown>[]): number {
  const found = rows[0];
  if (!found) return ReviewDeadline.defaultHours;
  const values = (Array.isArray(found[valuesRelationship]) ? found[valuesRelationship] : []) as Record<string, unknown>[];
  const current = values.find((v) => typeof v[value.value] === "string" && v[value.value] !== "");
  return effectiveReviewDeadlineHours(current ? current[value.value] : found[definition.defaultValue]);
}

const HOUR_MS = 3_600_000;

/** When the partner's wait for a decision runs out: sign-up time plus the deadline. */
export function reviewDeadlineOf(createdOn: Date, hours: number): Date {
  return new Date(createdOn.getTime() + hours * HOUR_MS);
}

/** The lead columns the rule reads. */
export interface ReviewedLead {
  isCommerceB2BProspect: boolean;
  stateCode: number | null;
  prospectStatus: number | null;
  createdOn: Date | null;
}

/** A Commerce B2B lead nobody has decided on yet: open, prospect status Pending (the *awaiting review* view). */
export function isAwaitingReview(lead: ReviewedLead): boolean {
  return lead.isCommerceB2BProspect && lead.stateCode === LeadState.Open && lead.prospectStatus === ProspectStatus.Pending;
}

export interface ReviewOverdue {
  deadline: Date;
  /** Whole hours past the deadline (0 in the first hour after it). */
  hoursOverdue: number;
}

/**
 * Whether the lead is past its review deadline at `now`: awaiting review and signed up more than `hours`
 * ago, which is what `olderthan-x-hours` selects (`createdon` earlier than now minus the hours). Null when
 * it is not (or when the sign-up time is unknown).
 */
export function reviewOverdue(lead: ReviewedLead, now: Date, hours: number): ReviewOverdue | null {
  if (!isAwaitingReview(lead) || !lead.createdOn) return null;
  const deadline = reviewDeadlineOf(lead.createdOn, hours);
  if (lead.createdOn.getTime() >= now.getTime() - hours * HOUR_MS) return null;
  return { deadline, hoursOverdue: Math.floor((now.getTime() - deadline.getTime()) / HOUR_MS) };
}

/** One FetchXML `<condition>`; the views and charts are written with these (solution tests compare). */
export interface FetchCondition {
  attribute: string;
  operator: string;
  value?: string;
}

/** The condition of the view *Commerce B2B leads past the review deadline* for a deadline of `hours`. */
export function reviewDeadlineCondition(hours: number): FetchCondition {
  return { attribute: LeadColumns.createdOn, operator: "olderthan-x-hours", value: String(hours) };
}

/**
 * How long a lead awaiting review has waited, in the three groups the waiting-time chart shows. A chart
 * cannot group by a time relative to now, so each group is a filter on `createdon` (FetchXML's
 * `last-x-hours` and `olderthan-x-hours`) inside an outer self-join whose `countcolumn` counts only the
 * leads the filter keeps: one aggregate query, one count per group. `waitingTimeGroup` is the same rule
 * for one lead.
 */
export const WaitingTimeGroups = [
  { id: "underOneDay", alias: "cb2b_under_1_day", conditions: [{ attribute: LeadColumns.createdOn, operator: "last-x-hours", value: "24" }] },
  {
    id: "oneToThreeDays",
    alias: "cb2b_1_to_3_days",
    conditions: [
      { attribute: LeadColumns.createdOn, operator: "olderthan-x-hours", value: "24" },
      { attribute: LeadColumns.createdOn, operator: "last-x-hours", value: "72" },
    ],
  },
  { id: "overThreeDays", alias: "cb2b_over_3_days", conditions: [{ attribute: LeadColumns.createdOn, operator: "olderthan-x-hours", value: "72" }] },
] as const satisfies readonly { id: string; alias: string; conditions: readonly FetchCondition[] }[];

export type WaitingTimeGroupId = (typeof WaitingTimeGroups)[number]["id"];

/** The waiting-time group of a lead signed up at `createdOn`, at `now` (boundaries as the chart's conditions). */
export function waitingTimeGroup(createdOn: Date, now: Date): WaitingTimeGroupId {
  const waitedMs = now.getTime() - createdOn.getTime();
  if (waitedMs <= 24 * HOUR_MS) return "underOneDay";
  if (waitedMs <= 72 * HOUR_MS) return "oneToThreeDays";
  return "overThreeDays";
}
