/** statecode/statuscode pairing, validated as the platform validates it. */
import { badRequest, ErrorCodes } from "../errors";
import { attributeOf, type EntityMetadata } from "../metadata";

export function stateOptions(entity: EntityMetadata) {
  return attributeOf(entity, "statecode")?.options ?? [];
}

export function defaultStatusFor(entity: EntityMetadata, state: number): number | undefined {
  return stateOptions(entity).find((o) => o.value === state)?.defaultStatus;
}

export function stateName(entity: EntityMetadata, state: number): string {
  const option = stateOptions(entity).find((o) => o.value === state);
  return `${entity.stateTypeName ?? `${entity.logicalName}State`}.${option?.invariantName ?? state}`;
}

/** Throws Dataverse's own error when the status does not belong to the state. */
export function validateStatePair(entity: EntityMetadata, id: string, state: number, status: number): void {
  const states = stateOptions(entity);
  if (!states.some((o) => o.value === state)) {
    throw badRequest(`${state} is not a valid state code on ${entity.logicalName} with Id ${id}.`, ErrorCodes.invalidStateStatus);
  }
  const statusOption = attributeOf(entity, "statuscode")?.options?.find((o) => o.value === status);
  if (!statusOption || statusOption.state !== state) {
    throw badRequest(
      `${status} is not a valid status code for state code ${stateName(entity, state)} on ${entity.logicalName} with Id ${id}.`,
      ErrorCodes.invalidStateStatus,
    );
  }
}
