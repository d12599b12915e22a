/** The .cdsproj lets teams with msbuild/pac build the same source (`dotnet build solution/CommerceB2BOnboarding.cdsproj`). */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { listFiles } from "../../tools/build/fileTree";
import { buildPaths } from "../../tools/build/paths";
import { childElements, parseXml } from "../../tools/build/xml";
import { repoRoot, solutionSource } from "./helpers/paths";

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

describe("solution-mapping.xml", () => {
  const mapFile = join(repoRoot, "solution", "solution-mapping.xml");
  const directives = childElements(parseXml(readFileSync(mapFile, "utf8"), mapFile).documentElement!, "FileToPath").map((d) => ({
    map: (d.getAttribute("map") ?? "").replace(/\\/g, "/"),
    to: (d.getAttribute("to") ?? "").replace(/\\/g, "/"),
  }));
  // Microsoft.PowerApps.MSBuild.Solution packs a copy of src staged in obj/<Configuration>/Metadata.
  const packedFolder = join(repoRoot, "solution", "obj", "Release", "Metadata");

  it("is the map the .cdsproj hands to SolutionPackager", () => {
    expect(property("SolutionPackageMapFilePath")).toBe("$(MSBuildThisFileDirectory)solution-mapping.xml");
  });

  it("points every web resource without content in source at the npm build's output", () => {
    const needed = listFiles(join(solutionSource, "WebResources"))
      .filter((f) => f.endsWith(".data.xml"))
      .map((f) => f.slice(0, -".data.xml".length))
      .filter((content) => !existsSync(join(solutionSource, "WebResources", content)));
    for (const content of needed) {
      const path = `WebResources/${content}`;
      const directive = directives.find((d) => dirname(d.map) === dirname(path) && d.map.endsWith(`/*${path.slice(path.lastIndexOf("."))}`));
      expect({ path, mapped: Boolean(directive) }).toEqual({ path, mapped: true });
      expect(resolve(packedFolder, directive!.to)).toBe(join(buildPaths().builtWebResources, dirname(content)));
    }
  });
});
