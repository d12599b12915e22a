/** Packs the staged folder into the unmanaged and the managed zip, named as Dataverse exports name them. */
import { join } from "node:path";
import { packSolution } from "../solution/pack";

export interface PackedZip {
  packageType: "Unmanaged" | "Managed";
  zipFile: string;
  bytes: number;
}

export function zipFileName(uniqueName: string, packageType: PackedZip["packageType"]): string {
  return packageType === "Managed" ? `${uniqueName}_managed.zip` : `${uniqueName}.zip`;
}

export async function packZips(staging: string, outDir: string, uniqueName: string): Promise<PackedZip[]> {
  const packed: PackedZip[] = [];
  for (const packageType of ["Unmanaged", "Managed"] as const) {
    const zipFile = join(outDir, zipFileName(uniqueName, packageType));
    const result = await packSolution({ folder: staging, zipFile, packageType });
    packed.push({ packageType, zipFile: result.zipFile, bytes: result.bytes });
  }
  return packed;
}
