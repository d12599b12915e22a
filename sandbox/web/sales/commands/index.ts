export { FormCommandBar, type FormCommandBarProps } from "./FormCommandBar";
export { GridCommandBar, type GridCommandBarProps } from "./GridCommandBar";
