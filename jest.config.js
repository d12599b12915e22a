/** @type {import('jest').Config} */
module.exports = {
  // Tests sit next to what they test; React tests opt into jsdom with a docblock.
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/out/", "/generated/", "/.sandbox/"],
  modulePathIgnorePatterns: ["<rootDir>/out/"],
  // d3 (under @fluentui/react-charting) ships ES modules only, except its UMD builds in dist/.
  moduleNameMapper: { "^(d3-[a-z-]+)$": "<rootDir>/node_modules/$1/dist/$1.js" },
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  testTimeout: 30000,
};
