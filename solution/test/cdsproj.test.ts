/** The .cdsproj lets teams with msbuild/pac build the same source (`dotnet build solution/CommerceB2BOnboarding.cdsproj`). */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { childElements, parseXml } from "../../tools/build/xml";
import { repoRoot } from "./helpers/paths";

const file = join(repoRoot, "solution", "CommerceB2BOnboarding.cdsproj");
const project = parseXml(readFileSync(file, "utf8"), file).documentElement!;
const items = (name: string) => childElements(project, "ItemGroup").flatMap((group) => childElements(group, name));
const property = (name: string) =>
  childElements(project, "PropertyGroup")
    .flatMap((group) => childElements(group, name))
    .map((e) => e.textContent)[0];

describe("CommerceB2BOnboarding.cdsproj", () => {
  it("packs solution/src with Microsoft.PowerApps.MSBuild.Solution", () => {
    expect(property("SolutionRootPath")).toBe("src");
    expect(items("PackageReference").map((p) => p.getAttribute("Include"))).toContain("Microsoft.PowerApps.MSBuild.Solution");
    expect(project.getAttribute("DefaultTargets")).toBe("Build");
  });

  it("references every PCF project at the repository root", () => {
    const pcfprojs = readdirSync(repoRoot).filter((f) => f.endsWith(".pcfproj"));
    const references = items("ProjectReference").map((p) => (p.getAttribute("Include") ?? "").replace(/\\/g, "/"));
    for (const pcfproj of pcfprojs) expect(references).toContain(relative(join(repoRoot, "solution"), join(repoRoot, pcfproj)));
  });
});
