import * as React from "react";
import { Stack, Text } from "@fluentui/react";
import type { LabeledEmail } from "../../commerceShared/client";
import { formatDateTime } from "../../commerceShared/language";
import { useHq } from "../context";
import { Grid } from "../Grid";
import { PageFrame } from "../PageFrame";
import { useRemote } from "../useRemote";

const paneStyle: React.CSSProperties = { borderLeft: "1px solid #e1dfdd", padding: 16, minWidth: 320, flex: "1 1 40%" };

/** *Email outbox*: what Commerce sent; selecting a row shows the message as plain text. */
export function OutboxPage(): React.ReactElement {
  const { client, languageId, strings: s } = useHq();
  const load = React.useCallback(() => client.outbox(), [client]);
  const remote = useRemote(load);
  const [selectedId, setSelectedId] = React.useState<number | null>(null);
  const selected = remote.data?.find((e) => e.emailId === selectedId) ?? null;
  return (
    <PageFrame title={s.outbox} onRefresh={remote.refresh} loading={remote.loading} loadError={remote.error}>
      <Stack horizontal wrap>
        <div style={{ flex: "2 1 480px", minWidth: 0 }}>
          <Grid<LabeledEmail>
            items={remote.data}
            getKey={(e) => String(e.emailId)}
            ariaLabel={s.outbox}
            onSelect={(e) => setSelectedId(e?.emailId ?? null)}
            columns={[
              { key: "toAddress", name: s.colTo, minWidth: 160, render: (e) => e.toAddress },
              { key: "subject", name: s.colSubject, minWidth: 200, maxWidth: 360, render: (e) => e.subject },
              { key: "notificationType", name: s.colNotificationType, minWidth: 140, render: (e) => e.notificationTypeLabel },
              { key: "createdAt", name: s.colSent, minWidth: 120, render: (e) => formatDateTime(e.createdAt, languageId) },
            ]}
          />
        </div>
        <section aria-label={s.readingPane} style={paneStyle}>
          {selected ? (
            <Stack tokens={{ childrenGap: 8 }}>
              <Text as="h2" variant="large" styles={{ root: { margin: 0, fontWeight: 600 } }}>
                {selected.subject}
              </Text>
              <Text>
                {s.from}: {selected.sender} · {s.colTo}: {selected.toAddress} · {formatDateTime(selected.createdAt, languageId)}
              </Text>
              {/* Plain text as the email has it: partner-supplied values appear verbatim, never as markup. */}
              <pre aria-label={s.body} style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: 0, padding: 12, background: "#faf9f8" }}>
                {selected.body}
              </pre>
            </Stack>
          ) : (
            <Text styles={{ root: { color: "#605e5c" } }}>{s.selectEmail}</Text>
          )}
        </section>
      </Stack>
    </PageFrame>
  );
}
