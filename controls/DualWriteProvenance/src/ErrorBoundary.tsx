/** @jsx h */
import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import { h } from "./h";
import type { Translate } from "./text";

interface ErrorBoundaryProps {
  t: Translate;
  children?: React.ReactNode;
}

interface Caught {
  message: string;
}

/**
 * Whatever goes wrong while rendering stays inside the control as a message; the form keeps working.
 * No initial state: React keeps a class's state null until getDerivedStateFromError returns one (React
 * warns about a missing initial state only for getDerivedStateFromProps), and a constructor costs
 * bundle.js bytes.
 */
export class ErrorBoundary extends React.Component<ErrorBoundaryProps, Caught> {
  public static getDerivedStateFromError(error: unknown): Caught {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  public override render(): React.ReactNode {
    // React's typings cannot say "null until caught" (createElement wants an object state type).
    const caught = this.state as Caught | null;
    if (!caught) return this.props.children;
    return (
      <MessageBar messageBarType={MessageBarType.error} isMultiline>
        {this.props.t("Error_unknown", caught.message)}
      </MessageBar>
    );
  }
}
