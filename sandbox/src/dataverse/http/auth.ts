/**
 * Bearer authentication. A token signs in only when it names a user:
 *
 * - one of the seeded tokens (`admin`, `salesrep`, `dualwrite`, users.ts);
 * - a JWT whose `oid` is a user's id (or `azureactivedirectoryobjectid`) or whose `appid` is an
 *   application user's `applicationid`, and that has not expired. The sandbox does not check signatures:
 *   it runs on loopback, where the seeded tokens are public anyway.
 *
 * Any other token — a made-up string, a JWT naming nobody — is a 401, as is a missing token; the answer
 * carries the `WWW-Authenticate` challenge Dataverse sends. The user's UI language decides the language
 * of formatted values.
 */
import { DataverseError, ErrorCodes } from "../errors";
import type { Caller } from "../engine/scope";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import type { RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { userForToken } from "../users";

export class Unauthorized extends DataverseError {
  constructor(message = "Bearer token is missing from the Authorization header.") {
    super(401, ErrorCodes.unauthorized, message);
  }
}

interface Claims {
  exp?: unknown;
  oid?: unknown;
  appid?: unknown;
}

/** The claims of a JWT (header.payload.signature), if the token is one. */
function jwtClaims(token: string): Claims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    return typeof claims === "object" && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** The user a JWT's `oid` or `appid` claim names, if any. */
function userForClaims(store: RecordStore, claims: Claims): string | undefined {
  const users = quote(tableName(entityByLogicalName("systemuser") as EntityMetadata));
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value.toLowerCase() : undefined);
  const oid = text(claims.oid);
  const appid = text(claims.appid);
  const row = (oid
    ? store.prepare(`SELECT systemuserid FROM ${users} WHERE systemuserid = ? OR lower(azureactivedirectoryobjectid) = ?`).get(oid, oid)
    : appid
      ? store.prepare(`SELECT systemuserid FROM ${users} WHERE lower(applicationid) = ?`).get(appid)
      : undefined) as { systemuserid: string } | undefined;
  return row?.systemuserid;
}

export function authenticate(store: RecordStore, authorization: string | undefined): Caller {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new Unauthorized();
  const claims = jwtClaims(token);
  // A JWT past its expiry is refused as Dataverse refuses it, whoever it names.
  if (typeof claims?.exp === "number" && claims.exp * 1000 <= Date.now()) throw new Unauthorized("The access token is expired.");
  const userId = userForToken(token)?.id ?? (claims ? userForClaims(store, claims) : undefined);
  if (!userId) throw new Unauthorized("The bearer token does not sign in any user of this environment.");
  const user = store.get(entityByLogicalName("systemuser") as EntityMetadata, userId);
  if (!user || user.isdisabled === true) {
    throw new DataverseError(401, ErrorCodes.unauthorized, `The user with SystemUserId=${userId} is disabled or does not exist.`);
  }
  const settings = store.get(entityByLogicalName("usersettings") as EntityMetadata, userId);
  return { userId, languageId: typeof settings?.uilanguageid === "number" ? settings.uilanguageid : 1033 };
}
