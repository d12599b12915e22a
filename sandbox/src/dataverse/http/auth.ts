/**
 * Bearer authentication: any token is accepted and mapped to a system user (see users.ts); no token is
 * a 401 with the `WWW-Authenticate` challenge Dataverse sends. The user's UI language decides the
 * language of formatted values.
 */
import { DataverseError, ErrorCodes } from "../errors";
import type { Caller } from "../engine/scope";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import type { RecordStore } from "../storage/records";
import { userForToken } from "../users";

export class Unauthorized extends DataverseError {
  constructor(message = "Bearer token is missing from the Authorization header.") {
    super(401, ErrorCodes.unauthorized, message);
  }
}

/** The `exp` claim (seconds) of a JWT, if the token is one; other tokens never expire here. */
function expiresAt(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function authenticate(store: RecordStore, authorization: string | undefined): Caller {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new Unauthorized();
  const exp = expiresAt(token);
  // A JWT past its expiry is refused as Dataverse refuses it, whoever it names.
  if (exp !== undefined && exp * 1000 <= Date.now()) throw new Unauthorized("The access token is expired.");
  const users = entityByLogicalName("systemuser") as EntityMetadata;
  // A token that is the id of any user in the database (not only the seeded ones) signs in as that user.
  const userId = GUID.test(token) && store.exists(users, token) ? token.toLowerCase() : userForToken(token).id;
  const user = store.get(users, userId);
  if (!user || user.isdisabled === true) {
    throw new DataverseError(401, ErrorCodes.unauthorized, `The user with SystemUserId=${userId} is disabled or does not exist.`);
  }
  const settings = store.get(entityByLogicalName("usersettings") as EntityMetadata, userId);
  return { userId, languageId: typeof settings?.uilanguageid === "number" ? settings.uilanguageid : 1033 };
}
