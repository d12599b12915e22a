/**
 * Reading what a solution adds to the data model, from a real export (microsoft/PowerApps-Samples'
 * polymorphiclookupexamplesolution, in ../shared/reference/solutions) and from variants of one of its
 * real `<Entity>` definitions that use what the sandbox does not model.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Element } from "@xmldom/xmldom";
import JSZip from "jszip";
import { parseXml } from "../../../xml";
import { readCustomSchema } from "./readCustomSchema";

const zipFile = resolve(__dirname, "../../../../../../../shared/reference/solutions/polymorphiclookupexamplesolution.zip");
const describeIfReference = existsSync(zipFile) ? describe : describe.skip;

let customizationsXml = "";
beforeAll(async () => {
  if (!existsSync(zipFile)) return;
  customizationsXml = (await (await JSZip.loadAsync(readFileSync(zipFile))).file("customizations.xml")!.async("string")).replace(/^\uFEFF/, "");
});

const read = (xml: string) => readCustomSchema(parseXml(xml, "customizations.xml").documentElement as Element);

/** The real export with one edit, for the refusals. */
const edited = (from: string | RegExp, to: string): string => {
  const result = customizationsXml.replace(from, to);
  if (result === customizationsXml) throw new Error(`the edit found no '${String(from)}'`);
  return result;
};

/** The real export with its sample_Audio.sample_AudioFormat column (a custom text column) edited. */
const editedAudioFormat = (edit: (attribute: string) => string): string => {
  const attribute = /<attribute PhysicalName="sample_AudioFormat">[\s\S]*?<\/attribute>/.exec(customizationsXml)?.[0];
  if (!attribute) throw new Error("no sample_AudioFormat column in the export");
  return customizationsXml.replace(attribute, edit(attribute));
};

describeIfReference("polymorphiclookupexamplesolution's customizations.xml", () => {
  test("four user-owned tables, each with its entity set name, primary columns, state and status", () => {
    const schema = read(customizationsXml);
    expect(schema.tables.map((t) => [t.entity.logicalName, t.schemaName, t.entity.entitySetName, t.entity.primaryIdAttribute, t.entity.primaryNameAttribute, t.entity.ownership])).toEqual([
      ["sample_audio", "sample_Audio", "sample_audios", "sample_audioid", "sample_name", "user"],
      ["sample_book", "sample_Book", "sample_books", "sample_bookid", "sample_name", "user"],
      ["sample_media", "sample_Media", "sample_medias", "sample_mediaid", "sample_name", "user"],
      ["sample_video", "sample_Video", "sample_videos", "sample_videoid", "sample_name", "user"],
    ]);
    const audio = schema.tables[0];
    const statecode = audio.entity.attributes.find((a) => a.logicalName === "statecode");
    expect(statecode?.options).toEqual([
      { value: 0, label: { 1033: "Active", 1035: "Active" }, invariantName: "Active", defaultStatus: 1 },
      { value: 1, label: { 1033: "Inactive", 1035: "Inactive" }, invariantName: "Inactive", defaultStatus: 2 },
    ]);
    expect(audio.entity.attributes.map((a) => a.logicalName)).toEqual(
      expect.arrayContaining(["sample_audioid", "sample_audioformat", "sample_name", "statuscode", "createdon", "createdby", "modifiedon", "modifiedby", "versionnumber", "ownerid"]),
    );
    expect(audio.displayName).toEqual([{ languageCode: 1033, label: "Audio" }]);
    expect(audio.privilegeName).toBe("sample_Audio");
  });

  test("the multi-table lookup points at the three tables through the navigation properties its relationships name", () => {
    const media = read(customizationsXml).tables.find((t) => t.entity.logicalName === "sample_media");
    expect(media?.entity.attributes.find((a) => a.logicalName === "sample_mediapolymorphiclookup")).toEqual({
      logicalName: "sample_mediapolymorphiclookup",
      type: "lookup",
      targets: [
        { entity: "sample_audio", navigationProperty: "sample_MediaPolymorphicLookup_sample_audio" },
        { entity: "sample_book", navigationProperty: "sample_MediaPolymorphicLookup_sample_book" },
        { entity: "sample_video", navigationProperty: "sample_MediaPolymorphicLookup_sample_video" },
      ],
    });
  });

  test("relationships are kept for the lookups the sandbox stores; platform columns it does not keep are listed, not stored", () => {
    const schema = read(customizationsXml);
    const media = schema.relationships.filter((r) => r.referencingAttribute === "sample_mediapolymorphiclookup");
    expect(media.map((r) => [r.schemaName, r.referencedEntity, r.referencedNavigation, r.cascadeDelete])).toEqual([
      ["sample_media_sample_audio", "sample_audio", "sample_media_sample_audio", "RemoveLink"],
      ["sample_media_sample_book", "sample_book", "sample_media_sample_book", "RemoveLink"],
      ["sample_media_sample_video", "sample_video", "sample_media_sample_video", "RemoveLink"],
    ]);
    expect(schema.relationships.some((r) => r.referencingAttribute === "owningbusinessunit")).toBe(false);
    const book = schema.tables.find((t) => t.entity.logicalName === "sample_book");
    expect(book?.columns.filter((c) => c.unstored).map((c) => c.logicalName).sort()).toEqual([
      "createdonbehalfby",
      "modifiedonbehalfby",
      "overriddencreatedon",
      "owningbusinessunit",
      "owningteam",
      "owninguser",
    ]);
    expect(book?.entity.attributes.some((a) => a.logicalName === "owninguser")).toBe(false);
  });

  test.each([
    ["a calculated column", (a: string) => a.replace("<SourceType>0</SourceType>", "<SourceType>1</SourceType>"), "is a calculated column"],
    ["a rollup column", (a: string) => a.replace("<SourceType>0</SourceType>", "<SourceType>2</SourceType>"), "is a rollup column"],
    ["a multi-select choice", (a: string) => a.replace("<Type>nvarchar</Type>", "<Type>multiselectpicklist</Type>"), "is a multi-select choice column"],
    ["a file column", (a: string) => a.replace("<Type>nvarchar</Type>", "<Type>file</Type>"), "is a file column"],
    ["an autonumber", (a: string) => a.replace(/<AutoNumberFormat>\s*<\/AutoNumberFormat>/, "<AutoNumberFormat>AUD-{SEQNUM:4}</AutoNumberFormat>"), "is an autonumber column"],
    [
      "a date-only column",
      (a: string) => a.replace("<Type>nvarchar</Type>", "<Type>datetime</Type>").replace("<Format>text</Format>", "<Format>date</Format><Behavior>3</Behavior>"),
      "is a date and time column with behaviour 3 (only User Local, 1, is modelled)",
    ],
    [
      "a choice from a global choice nobody installed",
      (a: string) => a.replace("<Type>nvarchar</Type>", "<Type>picklist</Type>").replace("<Format>text</Format>", "<OptionSetName>sample_formats</OptionSetName>"),
      "uses the global choice 'sample_formats', which is neither in the solution nor installed by an earlier solution import",
    ],
  ])("%s is refused by name", (_what, edit, refusal) => {
    expect(() => read(editedAudioFormat(edit))).toThrow(`The column 'sample_audio.sample_audioformat' ${refusal}`);
  });

  test.each([
    [
      "a many-to-many relationship",
      "<EntityRelationshipType>OneToMany</EntityRelationshipType>",
      "<EntityRelationshipType>ManyToMany</EntityRelationshipType>",
      "The relationship 'business_unit_sample_audio' is ManyToMany; the sandbox imports one-to-many relationships only (many-to-many relationships are not modelled).",
    ],
    ["an activity table", "<IsActivity>0</IsActivity>", "<IsActivity>1</IsActivity>", "The table 'sample_audio' is an activity table, which the sandbox does not import."],
    ["a team-owned table", "<OwnershipTypeMask>UserOwned</OwnershipTypeMask>", "<OwnershipTypeMask>TeamOwned</OwnershipTypeMask>", "The table 'sample_audio' is owned as 'TeamOwned' (only UserOwned and OrganizationOwned tables are modelled), which the sandbox does not import."],
    [
      "a lookup to a table the sandbox does not have",
      "<ReferencedEntityName>sample_Audio</ReferencedEntityName>",
      "<ReferencedEntityName>Incident</ReferencedEntityName>",
      "The lookup 'sample_media.sample_mediapolymorphiclookup' (relationship 'sample_media_sample_audio') points to the table 'incident', which the sandbox does not have.",
    ],
  ])("%s is refused by name", (_what, from, to, message) => {
    expect(() => read(edited(from, to))).toThrow(message);
  });
});
