// ESLint 9 flat config. pcf-scripts also reads this file when it builds the controls.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import powerApps from "@microsoft/eslint-plugin-power-apps";
import globals from "globals";

// Every rule Microsoft's Power Apps checker runs on web resources, as errors.
const powerAppsRules = Object.fromEntries(
  Object.keys(powerApps.rules).map((rule) => [`@microsoft/power-apps/${rule}`, "error"]),
);

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/out/**",
      "**/generated/**",
      "**/.sandbox/**",
      "coverage/**",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Code that runs inside model-driven apps: form scripts and PCF controls.
    files: ["webresources/**/*.{ts,tsx}", "controls/**/*.{ts,tsx}"],
    languageOptions: {
      globals: { ...globals.browser, Xrm: "readonly" },
    },
    plugins: { "@microsoft/power-apps": powerApps },
    rules: powerAppsRules,
  },
  {
    // The control's .tsx files build their JSX with `h` (the `@jsx h` pragma, see controls/*/src/h.ts).
    files: ["controls/*/src/**/*.tsx"],
    languageOptions: { parserOptions: { jsxPragma: "h" } },
  },
  {
    files: ["**/*.test.{ts,tsx}", "**/test/**/*.{ts,tsx}"],
    languageOptions: {
      globals: { ...globals.jest, ...globals.node },
    },
  },
);
