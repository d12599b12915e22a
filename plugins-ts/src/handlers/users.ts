import { Languages } from "../../../core/src";
import type { BatchReadAnswer, DataverseClient } from "../dataverse/client";
import { DataverseError } from "../dataverse/errors";
import { normalizeGuid } from "../executionContext";
import { EntitySets } from "./entitySets";
import { FetchRow, fetchQuery, type FetchLink } from "./fetchXml";
import type { ReadPlan } from "./readPlan";

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

/** A user's language from the read of their settings row: English when it is missing or cannot be read. */
function languageFrom(answer: BatchReadAnswer): number {
  if (!answer.ok) {
    if (answer.error instanceof DataverseError && !answer.error.transient) return Languages.English;
    throw answer.error;
  }
  const row = answer.value as { uilanguageid?: unknown } | null;
  return typeof row?.uilanguageid === "number" ? row.uilanguageid : Languages.English;
}

/**
 * The UI languages of these users (each read once), for refusals a step may have to give: read with the
 * step's records in its one round trip, so that a refusal costs the rep no round trip of its own.
 */
export function languagePlan(...userIds: (string | null)[]): ReadPlan<(userId: string) => number> {
  const ids = [...new Set(userIds.map((id) => normalizeGuid(id)).filter((id): id is string => id !== null))];
  return {
    reads: ids.map((id) => ({ kind: "retrieve", entitySet: EntitySets.userSettings, id, select: ["uilanguageid"] })),
    value: (answers) => {
      const languages = new Map(ids.map((id, index) => [id, languageFrom(answers[index])]));
      return (userId) => languages.get(normalizeGuid(userId) ?? "") ?? Languages.English;
    },
  };
}

/** What the handlers need to know of a user: the name a note gives, the language it speaks, whether an application signs in as them. */
export interface UserFacts {
  id: string;
  /** Full name; the id when the user cannot be read. */
  name: string;
  language: number;
  /**
   * Whether the user is an application user (a non-interactive user an Entra ID application signs in as,
   * such as dual-write's or this webhook's own): `systemuser.applicationid` is set only for those
   * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser#BKMK_ApplicationId).
   * A user who cannot be read is not shown to be one.
   */
  isApplicationUser: boolean;
}

const userColumns = ["systemuserid", "fullname", "applicationid"] as const;

/** The user's settings row (1:1, same id), for the language. */
const settingsLink = (alias: string): FetchLink => ({
  name: "usersettings",
  from: "systemuserid",
  to: "systemuserid",
  alias,
  type: "outer",
  columns: ["uilanguageid"],
});

function userFrom(row: FetchRow, id: string, alias?: string): UserFacts {
  const name = row.text("fullname", alias);
  return {
    id,
    name: name !== null && name.trim() !== "" ? name : id,
    language: row.integer("uilanguageid", alias === undefined ? "settings" : `${alias}_settings`) ?? Languages.English,
    isApplicationUser: row.id("applicationid", alias) !== null,
  };
}

const unknownUser = (id: string): UserFacts => ({ id, name: id, language: Languages.English, isApplicationUser: false });

/** Name, application id and UI language of a user: one FetchXML (systemuser with its usersettings). */
export async function readUser(dataverse: DataverseClient, userId: string): Promise<UserFacts> {
  const id = normalizeGuid(userId);
  if (id === null) return unknownUser(userId);
  try {
    const rows = await dataverse.retrieveMultiple(
      EntitySets.systemUser,
      fetchQuery({ entity: "systemuser", columns: userColumns, where: { systemuserid: id }, links: [settingsLink("settings")] }),
    );
    return rows.length > 0 ? userFrom(new FetchRow(rows[0]), id) : unknownUser(id);
  } catch (error) {
    if (error instanceof DataverseError && !error.transient) return unknownUser(id);
    throw error;
  }
}

/**
 * The user who started the operation — when they are the one who last modified the row the link hangs
 * from (`modifiedby`, which the operation itself set) — with their settings: the facts a hand-off note
 * needs, in the same request that reads the records. Empty when someone else modified the row since;
 * then `readUser` reads them (`userFromLink` answers null). No link for a user id that is no GUID.
 */
export function modifiedByLinks(userId: string, alias = "by"): FetchLink[] {
  if (normalizeGuid(userId) === null) return [];
  return [{
    name: "systemuser",
    from: "systemuserid",
    to: "modifiedby",
    alias,
    type: "outer",
    columns: userColumns,
    where: { systemuserid: userId },
    links: [settingsLink(`${alias}_settings`)],
  }];
}

export function userFromLink(row: FetchRow, userId: string, alias = "by"): UserFacts | null {
  return row.id("systemuserid", alias) === userId ? userFrom(row, userId, alias) : null;
}

/** The user who started the operation (also when the step runs as another user). */
export function initiatingUser(context: { initiatingUserId: string; userId: string }): string {
  return normalizeGuid(context.initiatingUserId) ?? normalizeGuid(context.userId) ?? context.userId;
}
