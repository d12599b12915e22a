/** @type {import('jest').Config} */
module.exports = {
  // Tests sit next to what they test; React tests opt into jsdom with a docblock.
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/out/", "/generated/", "/.sandbox/"],
  modulePathIgnorePatterns: ["<rootDir>/out/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  testTimeout: 30000,
};
