/**
 * The layout and colours are css/DualWriteProvenance.css, a manifest resource the platform loads beside
 * bundle.js (no bytes in bundle.js, issue 14). Its colours are Fluent 8's default theme, the theme
 * `getTheme()` gives a control on model-driven forms (the app does not load another one into the Fluent
 * platform library; modern theming reaches Fluent 9 through context.fluentDesignLanguage instead).
 */

/** Below this allocated width the time and state go under the title instead of beside it. */
export const NarrowWidth = 420;
