/** Names the solution ships under (see ARCHITECTURE.md, "Names"). */
export const Solution = {
  uniqueName: "CommerceB2BOnboarding",
  publisherPrefix: "cb2b",
  scriptNamespace: "Cb2b",
  pcfNamespace: "Cb2b",
} as const;

/** The languages every shipped label exists in. */
export const Languages = { English: 1033, Finnish: 1035 } as const;
export const SupportedLanguages = [Languages.English, Languages.Finnish] as const;
export type SupportedLanguage = (typeof SupportedLanguages)[number];

/** Environment variable switching the approver-role requirement on (see the form scripts issue). */
export const EnvironmentVariables = {
  requireApproverRole: "cb2b_RequireApproverRole",
} as const;

/** Security role that may approve a partner when the environment variable requires it. */
export const ApproverRoleName = "Commerce B2B approver";

/**
 * The id of that role in `solution/src/Roles/Commerce B2B approver.xml` (`<Role id=…>`). Dataverse copies a
 * role to every business unit under new ids; each copy's `parentrootroleid` is this id, so the server
 * matches roles on `parentrootroleid`, never on `roleid` or the (renamable) name.
 */
export const ApproverRoleId = "b8b541f4-a88c-4d2e-b796-ed3e76b55876";
