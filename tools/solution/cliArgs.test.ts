import { UsageError, parseArgs } from "./cliArgs";

describe("parseArgs", () => {
  it("reads pac-style pack flags, long, short and with =", () => {
    expect(parseArgs(["pack", "--zipfile", "a.zip", "--folder", "src", "--packagetype", "Managed"])).toEqual({
      verb: "pack",
      zipFile: "a.zip",
      folder: "src",
      packageType: "Managed",
    });
    expect(parseArgs(["pack", "-z", "a.zip", "-f", "src", "-p", "unmanaged"])).toMatchObject({ packageType: "Unmanaged" });
    expect(parseArgs(["pack", "--zipfile=a.zip", "--folder=src"])).toMatchObject({ zipFile: "a.zip", packageType: "Unmanaged" });
  });

  it("reads unpack flags", () => {
    expect(parseArgs(["unpack", "--zipfile", "a.zip", "--folder", "src"])).toEqual({ verb: "unpack", zipFile: "a.zip", folder: "src", allowDelete: false });
    // pac's switch: no value, long or short.
    expect(parseArgs(["unpack", "--zipfile", "a.zip", "--folder", "src", "--allowDelete"])).toMatchObject({ allowDelete: true });
    expect(parseArgs(["unpack", "-ad", "-z", "a.zip", "-f", "src"])).toMatchObject({ allowDelete: true, zipFile: "a.zip" });
  });

  it("answers --help", () => {
    expect(parseArgs(["--help"])).toEqual({ verb: "help" });
    expect(parseArgs(["pack", "-h"])).toEqual({ verb: "help" });
  });

  it.each([
    [[], /missing verb/],
    [["build"], /unknown verb "build"/],
    [["pack", "--folder", "src"], /needs --zipfile/],
    [["unpack", "--zipfile", "a.zip"], /needs --folder/],
    [["pack", "--zipfile"], /--zipfile needs a value/],
    [["pack", "--zipfile", "--folder", "src"], /--zipfile needs a value/],
    [["pack", "--zip", "a.zip"], /unknown argument "--zip"/],
    [["pack", "-z", "a", "-z", "b", "-f", "src"], /given twice/],
    [["unpack", "-z", "a.zip", "-f", "src", "-p", "Managed"], /pack only/],
    [["pack", "-z", "a.zip", "-f", "src", "-p", "Both"], /Unmanaged or Managed/],
    [["pack", "-z", "a.zip", "-f", "src", "--allowDelete"], /unpack only/],
    [["unpack", "-z", "a.zip", "-f", "src", "-ad", "--allowDelete"], /given twice/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseArgs(argv as string[])).toThrow(message);
  });
});
