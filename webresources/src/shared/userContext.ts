/** The signed-in user as the Client API describes them (no Web API call). */
export function userLanguageId(): number {
  return Xrm.Utility.getGlobalContext().userSettings.languageId;
}

