/** @jsx h */
import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import { h } from "./h";
import type { Translate } from "./text";

interface ErrorBoundaryProps {
  t: Translate;
  children?: React.ReactNode;
}

/** Whatever goes wrong while rendering stays inside the control as a message; the form keeps working. */
export class ErrorBoundary extends React.Component<ErrorBoundaryProps, { message: string | null }> {
  public override state = { message: null as string | null };

  public static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  public override render(): React.ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <MessageBar messageBarType={MessageBarType.error} isMultiline>
        {this.props.t("Error_unknown", this.state.message)}
      </MessageBar>
    );
  }
}
