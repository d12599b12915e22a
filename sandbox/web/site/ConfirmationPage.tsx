import * as React from "react";
import { Link, MessageBar, MessageBarType, Stack, Text } from "@fluentui/react";
import type { LanguageId } from "../shared/session";
import { formatNodes } from "../commerceShared/formatNodes";
import { siteStrings } from "./strings";

/** What the confirmation needs from the stored request (kept in history.state across reloads). */
export interface SignupConfirmation {
  requestId: string;
  companyName: string;
  email: string;
}

export interface ConfirmationPageProps {
  languageId: LanguageId;
  confirmation: SignupConfirmation;
  onAnother(): void;
}

/** The page after a successful sign-up: names the company and says what happens next. */
export function ConfirmationPage({ languageId, confirmation, onAnother }: ConfirmationPageProps): React.ReactElement {
  const s = siteStrings(languageId);
  const heading = React.useRef<HTMLHeadingElement>(null);
  // Move focus to the new page's heading, as a screen reader user expects after a submit.
  React.useEffect(() => heading.current?.focus(), []);
  return (
    <Stack tokens={{ childrenGap: 16 }}>
      <h1 ref={heading} tabIndex={-1} style={{ margin: 0, fontSize: 28, fontWeight: 600, outline: "none" }}>
        {s.thanksTitle}
      </h1>
      <MessageBar messageBarType={MessageBarType.success} isMultiline>
        {formatNodes(s.thanksReceived, <strong>{confirmation.companyName}</strong>)}
      </MessageBar>
      <Text>{formatNodes(s.thanksRequestId, confirmation.requestId)}</Text>
      <Text as="h2" variant="large" styles={{ root: { margin: 0, fontWeight: 600 } }}>
        {s.nextTitle}
      </Text>
      <ol style={{ margin: 0, paddingLeft: 20, lineHeight: 1.6 }}>
        <li>{s.nextReview}</li>
        <li>{formatNodes(s.nextEmail, <strong>{confirmation.email}</strong>)}</li>
      </ol>
      <Link onClick={onAnother}>{s.anotherRequest}</Link>
    </Stack>
  );
}
