import { reviewDeadlineHoursFrom, reviewDeadlineQueryOptions } from "../../../core/src/reviewDeadline";

/** Reads the review deadline in force (`cb2b_ReviewDeadlineHours`) once per control; null when it cannot be read (no marker then). */
export function reviewDeadlineLoader(webAPI: Pick<ComponentFramework.WebApi, "retrieveMultipleRecords">): () => Promise<number | null> {
  let pending: Promise<number | null> | null = null;
  return () =>
    pending ||
    (pending = webAPI.retrieveMultipleRecords("environmentvariabledefinition", reviewDeadlineQueryOptions()).then(
      (response) => reviewDeadlineHoursFrom((response && response.entities) || []),
      () => null,
    ));
}
