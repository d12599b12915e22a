import * as React from "react";
import { CommandBar, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, Text, type ICommandBarItemProps } from "@fluentui/react";
import { useHq } from "./context";

export interface PageMessage {
  type: "success" | "error";
  text: string;
}

export interface PageFrameProps {
  title: string;
  /** Action pane buttons after Refresh. */
  actions?: ICommandBarItemProps[];
  onRefresh(): void;
  loading: boolean;
  loadError: string | null;
  message?: PageMessage | null;
  onDismissMessage?(): void;
  /** Filters shown between the title and the grid. */
  filters?: React.ReactNode;
  children: React.ReactNode;
}

/** A list page the way headquarters lays it out: action pane, page title, filter strip, grid. */
export function PageFrame(props: PageFrameProps): React.ReactElement {
  const { strings: s } = useHq();
  const items: ICommandBarItemProps[] = [
    { key: "refresh", text: s.refresh, iconProps: { iconName: "Refresh" }, onClick: () => props.onRefresh() },
    ...(props.actions ?? []),
  ];
  return (
    <Stack tokens={{ childrenGap: 12 }}>
      <div style={{ background: "#fff", borderBottom: "1px solid #e1dfdd" }}>
        <CommandBar items={items} ariaLabel={s.actionPane} styles={{ root: { padding: "0 8px" } }} />
      </div>
      <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: "0 24px 24px" } }}>
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 12 }}>
          <Text as="h1" variant="xLarge" styles={{ root: { margin: 0, fontWeight: 600 } }}>
            {props.title}
          </Text>
          {props.loading && <Spinner size={SpinnerSize.small} ariaLabel={s.loading} />}
        </Stack>
        {props.message && (
          <MessageBar
            messageBarType={props.message.type === "success" ? MessageBarType.success : MessageBarType.error}
            isMultiline
            onDismiss={props.onDismissMessage}
            dismissButtonAriaLabel={s.close}
          >
            {props.message.text}
          </MessageBar>
        )}
        {props.loadError && (
          <MessageBar messageBarType={MessageBarType.error} isMultiline>
            {s.loadFailed.replace("{0}", props.loadError)}
          </MessageBar>
        )}
        {props.filters}
        <div style={{ background: "#fff", border: "1px solid #e1dfdd" }}>{props.children}</div>
      </Stack>
    </Stack>
  );
}
