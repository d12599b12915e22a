import * as React from "react";

/**
 * The JSX factory of the control's .tsx files (each starts with the `@jsx h` pragma): React's
 * createElement under a local name. A local minifies to one letter, `React.createElement` does not,
 * and bundle.js has a size budget (issue 14).
 */
export const h = React.createElement;
