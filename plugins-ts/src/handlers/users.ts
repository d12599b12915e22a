import { Languages } from "../../../core/src";
import type { DataverseClient } from "../dataverse/client";
import { DataverseError } from "../dataverse/errors";
import { normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";

/**
 * The user's UI language (usersettings.uilanguageid), so refusals and notes speak it. English when the
 * user has no settings row or they cannot be read (a missing row is not worth failing a delivery for).
 */
export async function userLanguage(dataverse: DataverseClient, userId: string): Promise<number> {
  const id = normalizeGuid(userId);
  if (id === null) return Languages.English;
  try {
    const row = await dataverse.retrieve(EntitySets.userSettings, id, ["uilanguageid"]);
    return typeof row?.uilanguageid === "number" ? row.uilanguageid : Languages.English;
  } catch (error) {
    if (error instanceof DataverseError && !error.transient) return Languages.English;
    throw error;
  }
}

/** The user's full name for the hand-off note; the id when the user cannot be read. */
export async function userName(dataverse: DataverseClient, userId: string): Promise<string> {
  const id = normalizeGuid(userId);
  if (id === null) return userId;
  try {
    const row = await dataverse.retrieve(EntitySets.systemUser, id, ["fullname"]);
    return typeof row?.fullname === "string" && row.fullname.trim() !== "" ? row.fullname : id;
  } catch (error) {
    if (error instanceof DataverseError && !error.transient) return id;
    throw error;
  }
}

/**
 * Whether the user is an application user (a non-interactive user an Entra ID application signs in as,
 * such as dual-write's or this webhook's own): `systemuser.applicationid` is set only for those
 * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser#BKMK_ApplicationId).
 * A user who cannot be read is not shown to be one.
 */
export async function isApplicationUser(dataverse: DataverseClient, userId: string): Promise<boolean> {
  const id = normalizeGuid(userId);
  if (id === null) return false;
  try {
    const row = await dataverse.retrieve(EntitySets.systemUser, id, ["applicationid"]);
    return normalizeGuid(typeof row?.applicationid === "string" ? row.applicationid : null) !== null;
  } catch (error) {
    if (error instanceof DataverseError && !error.transient) return false;
    throw error;
  }
}
