/**
 * The seeded users and the bearer tokens that sign in as them. Ids are fixed so other sandbox parts
 * (dual-write, the webhook host) can refer to them.
 */

export interface SandboxUser {
  id: string;
  /** The bearer token that signs in as this user. */
  token: string;
  fullname: string;
  firstname: string;
  lastname: string;
  domainname: string;
  /** Application users have an application (client) id and are non-interactive. */
  applicationid?: string;
  accessmode: number;
}

export const SandboxUsers = {
  admin: {
    id: "6f0e2c4a-0000-4000-8000-000000000001",
    token: "admin",
    fullname: "# Sandbox Admin",
    firstname: "#",
    lastname: "Sandbox Admin",
    domainname: "admin@sandbox.localhost",
    accessmode: 0,
  },
  salesRep: {
    id: "6f0e2c4a-0000-4000-8000-000000000002",
    token: "salesrep",
    fullname: "Sanna Myyjä",
    firstname: "Sanna",
    lastname: "Myyjä",
    domainname: "sanna@sandbox.localhost",
    accessmode: 0,
  },
  dualWrite: {
    id: "6f0e2c4a-0000-4000-8000-000000000003",
    token: "dualwrite",
    fullname: "# Dual Write",
    firstname: "#",
    lastname: "Dual Write",
    domainname: "dualwrite@sandbox.localhost",
    // Microsoft's dual-write application (client) id.
    applicationid: "33976c19-1db5-4c02-810e-c243db79efde",
    accessmode: 4,
  },
} as const satisfies Record<string, SandboxUser>;

export const OrganizationId = "6f0e2c4a-0000-4000-8000-0000000000f0";
export const BusinessUnitId = "6f0e2c4a-0000-4000-8000-0000000000b0";
export const OrganizationName = "sandbox";

const allUsers: readonly SandboxUser[] = Object.values(SandboxUsers);

/** The seeded user a bearer token names (`admin`, `salesrep`, `dualwrite`); undefined for any other token. */
export function userForToken(token: string): SandboxUser | undefined {
  return allUsers.find((u) => u.token === token);
}
