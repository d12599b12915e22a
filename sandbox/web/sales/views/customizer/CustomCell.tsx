import * as React from "react";
import type { PlatformReactDom } from "../../pcf/loader";

/**
 * A cell whose content is a customizer's element. The element is built with the platform's React (the
 * one the customizer's bundle uses), so the platform's ReactDOM renders it into this cell's own node;
 * the page's React only owns the node. The element is unmounted when the grid drops the cell.
 */
export function CustomCell({ element, reactDom }: { element: unknown; reactDom: PlatformReactDom }): React.ReactElement {
  const node = React.useRef<HTMLSpanElement>(null);
  React.useLayoutEffect(() => {
    if (node.current) reactDom.render(element, node.current);
  }, [element, reactDom]);
  React.useEffect(() => {
    const current = node.current;
    return () => {
      if (current) reactDom.unmountComponentAtNode(current);
    };
  }, [reactDom]);
  return <span ref={node} className="grid-custom-cell" style={{ display: "block", minWidth: 0 }} />;
}
