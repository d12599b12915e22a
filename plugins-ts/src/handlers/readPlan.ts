import type { BatchRead, BatchReadAnswer, DataverseClient, WebApiRecord } from "../dataverse/client";

/**
 * What a synchronous step must read before it can answer, as reads that do not depend on each other and
 * a function that turns their answers into what the step decides on. Several plans are read in ONE round
 * trip (`readTogether`): each Web API round trip is added to the rep's click (issue 14), and a step that
 * needs the records, the approver rule and the user's language would otherwise pay three.
 */
export interface ReadPlan<T> {
  reads: readonly BatchRead[];
  /** The value from this plan's answers, in the order of `reads`. */
  value(answers: readonly BatchReadAnswer[]): T;
}

/** Every plan's reads in one `readBatch` (one round trip), and each plan's value, in order. */
export async function readTogether<T extends unknown[]>(dataverse: DataverseClient, ...plans: { [K in keyof T]: ReadPlan<T[K]> }): Promise<T> {
  const answers = await dataverse.readBatch(plans.flatMap((plan) => plan.reads));
  let next = 0;
  return plans.map((plan) => plan.value(answers.slice(next, (next += plan.reads.length)))) as T;
}

/** A plan of no reads whose value is known already. */
export const known = <T>(value: T): ReadPlan<T> => ({ reads: [], value: () => value });

/** The same reads, their value turned into another. */
export const mapPlan = <A, B>(plan: ReadPlan<A>, map: (value: A) => B): ReadPlan<B> => ({ reads: plan.reads, value: (answers) => map(plan.value(answers)) });

/** The row a retrieve answered (null: it does not exist); a failed read throws its error. */
export function rowOf(answer: BatchReadAnswer): WebApiRecord | null {
  if (!answer.ok) throw answer.error;
  return answer.value as WebApiRecord | null;
}

/** The rows a query answered; a failed read throws its error. */
export function rowsOf(answer: BatchReadAnswer): WebApiRecord[] {
  if (!answer.ok) throw answer.error;
  return answer.value as WebApiRecord[];
}
