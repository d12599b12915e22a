/** The signed-in user as the Client API describes them (no Web API call). */
export function userLanguageId(): number {
  return Xrm.Utility.getGlobalContext().userSettings.languageId;
}

/**
 * Whether one of the user's security roles (directly or through a team) has this name. Role names
 * are the same in every business unit (Dataverse copies a role into each one under its name).
 */
export function userHasRole(roleName: string): boolean {
  const wanted = roleName.toLowerCase();
  let found = false;
  Xrm.Utility.getGlobalContext().userSettings.roles.forEach((role) => {
    if ((role.name ?? "").toLowerCase() === wanted) found = true;
  });
  return found;
}
