import * as React from "react";

/**
 * `format()` for React: fills {0}, {1}, … in a translated template with React nodes (e.g. a bold
 * company name). Values stay React children, so partner-supplied text is always rendered as text.
 */
export function formatNodes(template: string, ...args: React.ReactNode[]): React.ReactNode[] {
  return template.split(/(\{\d+\})/).map((part, i) => {
    const match = /^\{(\d+)\}$/.exec(part);
    return <React.Fragment key={i}>{match ? (args[Number(match[1])] ?? part) : part}</React.Fragment>;
  });
}
