import * as React from "react";

/** The JSX factory of the control's .tsx files (`@jsx h`): a local minifies to one letter; bundle.js has a size budget. */
export const h = React.createElement;
