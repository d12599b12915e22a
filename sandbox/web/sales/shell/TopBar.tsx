import * as React from "react";
import { CommandButton, Stack, Text, type IContextualMenuItem } from "@fluentui/react";
import { SignInUsers, type SignInUser } from "../../shared/createSession";
import type { LanguageId, SalesSession } from "../../shared/session";
import { chromeString } from "../../shared/strings";

export interface TopBarProps {
  session: SalesSession;
  onSwitchUser(user: SignInUser): void;
  onSwitchLanguage(languageId: LanguageId): void;
}

const BAR_BUTTON = {
  root: { color: "#fff", height: 48, padding: "0 12px" },
  rootHovered: { color: "#fff", background: "rgba(255,255,255,.12)" },
  rootPressed: { color: "#fff", background: "rgba(255,255,255,.2)" },
  rootExpanded: { color: "#fff", background: "rgba(255,255,255,.2)" },
  icon: { color: "#fff" },
  iconHovered: { color: "#fff" },
  menuIcon: { color: "#fff" },
  menuIconHovered: { color: "#fff" },
  menuIconExpanded: { color: "#fff" },
  label: { fontSize: 14 },
};

/** The model-driven app's dark header: product | app name on the left, language and user on the right. */
export function TopBar({ session, onSwitchUser, onSwitchLanguage }: TopBarProps): React.ReactElement {
  const lang = session.languageId;
  const languages: IContextualMenuItem[] = ([1033, 1035] as const).map((id) => ({
    key: String(id),
    text: chromeString(lang, id === 1033 ? "english" : "finnish"),
    canCheck: true,
    checked: id === lang,
    onClick: () => onSwitchLanguage(id),
  }));
  const users: IContextualMenuItem[] = (Object.keys(SignInUsers) as SignInUser[]).map((key) => ({
    key,
    text: SignInUsers[key].fullname,
    canCheck: true,
    checked: SignInUsers[key].id === session.user.id,
    onClick: () => onSwitchUser(key),
  }));
  return (
    <Stack
      as="header"
      horizontal
      verticalAlign="center"
      styles={{ root: { height: 48, background: "#002050", color: "#fff", paddingLeft: 16, flexShrink: 0 } }}
    >
      <Text styles={{ root: { color: "#fff", fontSize: 16, fontWeight: 600 } }}>{chromeString(lang, "product")}</Text>
      <Text styles={{ root: { color: "rgba(255,255,255,.6)", margin: "0 12px", fontSize: 16 } }} aria-hidden>
        |
      </Text>
      <Text as="h1" styles={{ root: { color: "#fff", fontSize: 16, fontWeight: 400, margin: 0 } }}>
        {chromeString(lang, "appName")}
      </Text>
      <Stack.Item grow>
        <span />
      </Stack.Item>
      <CommandButton
        iconProps={{ iconName: "LocaleLanguage" }}
        text={lang === 1035 ? "Suomi" : "English"}
        ariaLabel={chromeString(lang, "language")}
        menuProps={{ items: languages }}
        styles={BAR_BUTTON}
      />
      <CommandButton
        iconProps={{ iconName: "Contact" }}
        text={session.user.fullname}
        title={chromeString(lang, "signedInAs", session.user.fullname)}
        ariaLabel={`${chromeString(lang, "switchUser")}: ${chromeString(lang, "signedInAs", session.user.fullname)}`}
        menuProps={{ items: users }}
        styles={BAR_BUTTON}
      />
    </Stack>
  );
}
