/**
 * The three Commerce B2B views: what a rep sees in the view selector (names in English and Finnish),
 * which records each one returns, and that every column shown is a column the query fetches.
 */
import { Entities, LeadColumns, LeadState, OpportunityColumns, ProspectStatus, ReviewDeadline, SupportedLanguages, reviewDeadlineCondition } from "../../core/src";
import { childElements, childText } from "../../tools/build/xml";
import { attributeNames, conditions, fetchedColumns, linkEntities, matches, orders, type Row } from "./helpers/fetch";
import { hasReference, referenceSkipNote } from "./helpers/paths";
import { readSource, readViews, viewNamed, type View } from "./helpers/source";
import { validateAgainst } from "./helpers/xsd";

const views = readViews();
const ALL_LEADS = "All Commerce B2B leads";
const AWAITING_REVIEW = "Commerce B2B leads awaiting review";
const OPPORTUNITIES = "Commerce B2B opportunities";
const PAST_DEADLINE = "Commerce B2B leads past the review deadline";

const entityOf = (view: View) => view.fetch.getElementsByTagName("entity")[0]!;
/** The columns a rep sees: hidden cells carry what the hand-off badge reads (solution/test/gridCustomizer.test.ts). */
const cells = (view: View) =>
  childElements(view.grid, "row").flatMap((row) => childElements(row, "cell").filter((c) => c.getAttribute("ishidden") !== "1").map((c) => c.getAttribute("name") ?? ""));

describe("Commerce B2B views", () => {
  it("ships exactly the four views, with English and Finnish names", () => {
    const names = views.map((v) => [v.names.get(1033), v.names.get(1035)]);
    expect(names).toEqual(
      expect.arrayContaining([
        [ALL_LEADS, "Kaikki Commercen B2B-liidit"],
        [AWAITING_REVIEW, expect.stringMatching(/Commercen B2B-liidit/)],
        [OPPORTUNITIES, expect.stringMatching(/Commercen B2B-myyntimahdollisuudet/)],
        [PAST_DEADLINE, expect.stringMatching(/Commercen B2B-liidit/)],
      ]),
    );
    expect(views).toHaveLength(4);
  });

  it.each(views.map((v) => [v.file, v] as const))("%s is a public system view with a name and description in 1033 and 1035", (_file, view) => {
    expect(childText(view.element, "querytype")).toBe("0");
    expect(childText(view.element, "isdefault")).toBe("0");
    expect(childText(view.element, "isquickfindquery")).toBe("0");
    expect(childText(view.element, "isprivate")).toBe("0");
    expect(view.file).toContain(`{${view.id}}`);
    for (const language of SupportedLanguages) {
      expect(view.names.get(language)?.trim()).toBeTruthy();
      expect(view.descriptions.get(language)?.trim()).toBeTruthy();
    }
    expect(view.names.get(1033)).not.toBe(view.names.get(1035));
  });

  it.each(views.map((v) => [v.file, v] as const))("%s shows only columns its query fetches", (_file, view) => {
    const entity = entityOf(view);
    const fetched = fetchedColumns(entity);
    for (const cell of cells(view)) expect(fetched).toContain(cell);
    const row = childElements(view.grid, "row")[0]!;
    expect(attributeNames(entity)).toContain(row.getAttribute("id"));
    expect(fetched).toContain(view.grid.getAttribute("jump"));
    expect(cells(view)[0]).toBe(view.grid.getAttribute("jump"));
  });

  it("each view's fetchxml names the entity folder it is stored under", () => {
    for (const view of views) expect(entityOf(view).getAttribute("name")).toBe(view.entityFolder.toLowerCase());
  });
});

describe("All Commerce B2B leads", () => {
  const view = viewNamed(views, ALL_LEADS);
  const entity = entityOf(view);

  it("lists the columns a rep needs, full name first", () => {
    expect(entity.getAttribute("name")).toBe(Entities.lead.logicalName);
    expect(cells(view)).toEqual([
      LeadColumns.fullName,
      LeadColumns.companyName,
      LeadColumns.email,
      LeadColumns.prospectId,
      LeadColumns.prospectStatus,
      LeadColumns.statusCode,
      LeadColumns.owner,
      LeadColumns.createdOn,
    ]);
  });

  it("shows newest first", () => {
    expect(orders(entity)).toEqual([{ attribute: LeadColumns.createdOn, descending: true }]);
  });

  it("returns every Commerce B2B lead in any state, owned by anyone, and no other lead", () => {
    const lead = (values: Record<string, unknown>): Row => ({ main: values as Row["main"], links: {} });
    const dualWriteLead = { [LeadColumns.isCommerceB2BProspect]: true, [LeadColumns.owner]: "dual-write app user" };
    expect(matches(entity, lead({ ...dualWriteLead, statecode: LeadState.Open }))).toBe(true);
    expect(matches(entity, lead({ ...dualWriteLead, statecode: LeadState.Qualified }))).toBe(true);
    expect(matches(entity, lead({ ...dualWriteLead, statecode: LeadState.Disqualified }))).toBe(true);
    expect(matches(entity, lead({ [LeadColumns.isCommerceB2BProspect]: false, statecode: LeadState.Open }))).toBe(false);
    expect(matches(entity, lead({ statecode: LeadState.Open }))).toBe(false);
    expect(conditions(entity).map((c) => c.attribute)).not.toContain(LeadColumns.stateCode);
  });
});

describe("Commerce B2B leads awaiting review", () => {
  const view = viewNamed(views, AWAITING_REVIEW);
  const entity = entityOf(view);
  const row = (statecode: number, status: number | null, commerce = true): Row => ({
    main: { statecode, [LeadColumns.prospectStatus]: status, [LeadColumns.isCommerceB2BProspect]: commerce },
    links: {},
  });

  it("filters open leads whose prospect status is Pending", () => {
    expect(conditions(entity)).toEqual(
      expect.arrayContaining([
        { attribute: LeadColumns.stateCode, operator: "eq", value: String(LeadState.Open) },
        { attribute: LeadColumns.prospectStatus, operator: "eq", value: String(ProspectStatus.Pending) },
      ]),
    );
  });

  it("returns open Pending Commerce leads only", () => {
    expect(matches(entity, row(LeadState.Open, ProspectStatus.Pending))).toBe(true);
    expect(matches(entity, row(LeadState.Open, ProspectStatus.Approved))).toBe(false);
    expect(matches(entity, row(LeadState.Open, ProspectStatus.Rejected))).toBe(false);
    expect(matches(entity, row(LeadState.Qualified, ProspectStatus.Pending))).toBe(false);
    expect(matches(entity, row(LeadState.Disqualified, ProspectStatus.Pending))).toBe(false);
    expect(matches(entity, row(LeadState.Open, null, false))).toBe(false);
  });
});

describe("Commerce B2B leads past the review deadline", () => {
  const view = viewNamed(views, PAST_DEADLINE);
  const entity = entityOf(view);
  const variable = readSource(`environmentvariabledefinitions/${ReviewDeadline.environmentVariable}/environmentvariabledefinition.xml`).documentElement!;

  it("is the awaiting-review filter plus Created on older than the review deadline (core's rule, the variable's default)", () => {
    const awaiting = conditions(entityOf(viewNamed(views, AWAITING_REVIEW)));
    expect(conditions(entity)).toEqual([...awaiting, reviewDeadlineCondition(ReviewDeadline.defaultHours)]);
    expect(childText(variable, "defaultvalue")).toBe(String(ReviewDeadline.defaultHours));
    // Number (100000001), so the maker portal offers a number box for the value.
    expect(childText(variable, "type")).toBe("100000001");
  });

  it("shows the longest waiting first", () => {
    expect(orders(entity)).toEqual([{ attribute: LeadColumns.createdOn, descending: false }]);
  });
});

describe("Commerce B2B opportunities", () => {
  const view = viewNamed(views, OPPORTUNITIES);
  const entity = entityOf(view);
  const [link] = linkEntities(entity);

  it("joins the originating lead and filters on it being a Commerce B2B lead", () => {
    expect(entity.getAttribute("name")).toBe(Entities.opportunity.logicalName);
    expect(linkEntities(entity)).toHaveLength(1);
    expect(link).toMatchObject({ name: Entities.lead.logicalName, from: LeadColumns.id, to: OpportunityColumns.originatingLead, linkType: "inner" });
    expect(conditions(link!.element)).toEqual([{ attribute: LeadColumns.isCommerceB2BProspect, operator: "eq", value: "1" }]);
  });

  it("shows the prospect status from that lead", () => {
    expect(cells(view)).toContain(`${link!.alias}.${LeadColumns.prospectStatus}`);
  });

  it("returns opportunities qualified from Commerce B2B leads, whatever their state, and no others", () => {
    const commerceLead = { leadid: "L1", [LeadColumns.isCommerceB2BProspect]: true, [LeadColumns.prospectStatus]: ProspectStatus.Approved };
    const otherLead = { leadid: "L2", [LeadColumns.isCommerceB2BProspect]: false };
    const opportunity = (lead: string | null, statecode = 0): Row => ({
      main: { [OpportunityColumns.originatingLead]: lead, statecode },
      links: { [link!.alias]: lead === "L1" ? commerceLead : lead === "L2" ? otherLead : {} },
    });
    expect(matches(entity, opportunity("L1"))).toBe(true);
    expect(matches(entity, opportunity("L1", 1))).toBe(true);
    expect(matches(entity, opportunity("L1", 2))).toBe(true);
    expect(matches(entity, opportunity("L2"))).toBe(false);
    expect(matches(entity, opportunity(null))).toBe(false);
  });
});

(hasReference ? describe : describe.skip)(`views against Microsoft's Fetch.xsd${referenceSkipNote}`, () => {
  it.each(views.map((v) => [v.file, v] as const))("%s has valid fetchxml", async (_file, view) => {
    const result = await validateAgainst("Fetch.xsd", view.fetch.toString(), "fetch.xml");
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
