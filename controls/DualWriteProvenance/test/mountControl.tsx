import { render, type RenderResult } from "@testing-library/react";
import {
  ComponentFrameworkMockGeneratorReact,
  LookupPropertyMock,
  StringPropertyMock,
  TwoOptionsPropertyMock,
  WholeNumberPropertyMock,
} from "@shko.online/componentframework-mock";
import type { SinonStub } from "sinon";
import { DualWriteProvenance } from "../index";
import type { IOutputs } from "../inputs";
import { readResx } from "./resx";
import type { Row } from "./rows";

/**
 * Mounts the control the way a form does, on @shko.online/componentframework-mock's context: bound
 * and input parameters, the form's table and record id (mode.contextInfo), the user's language strings
 * from our resx files, and a webAPI whose answer each test decides.
 */

interface Common {
  commerceB2BProspect: ComponentFramework.PropertyTypes.TwoOptionsProperty;
  waitingThresholdMinutes: ComponentFramework.PropertyTypes.WholeNumberProperty;
}
type LeadFormInputs = Common & { source: ComponentFramework.PropertyTypes.StringProperty };
type RelatedFormInputs = Common & { source: ComponentFramework.PropertyTypes.LookupProperty };

export interface MountOptions {
  /** The table of the form the control sits on. */
  entity: "lead" | "opportunity" | "account" | "contact";
  /** The form's record id; null for a record not saved yet. */
  recordId: string | null;
  /** The bound value: the prospect id on lead forms, the originating lead on the others. */
  source: string | null | { entityType: string; id: string; name: string };
  commerceFlag?: boolean;
  threshold?: number | null;
  language?: 1033 | 1035;
  width?: number;
  /** What webAPI.retrieveMultipleRecords does: answer these rows, or reject with this error. */
  answer?: { rows: Row[] } | { error: unknown };
  /** The rows of the review deadline's environment variable query, when a test sets them. */
  deadlineRows?: Row[];
}

export interface Mounted {
  view: RenderResult;
  retrieve: SinonStub;
  openForm: SinonStub;
  /** Another updateView, as the form makes on resize or value changes. */
  update(): void;
}

// jsdom has no ResizeObserver; the mock's container wrapper constructs one.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

export function mountControl(options: MountOptions): Mounted {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoopResizeObserver;
  const lead = options.entity === "lead";
  const generator = lead
    ? new ComponentFrameworkMockGeneratorReact<LeadFormInputs, IOutputs>(
        DualWriteProvenance as unknown as new () => ComponentFramework.ReactControl<LeadFormInputs, IOutputs>,
        { source: StringPropertyMock, commerceB2BProspect: TwoOptionsPropertyMock, waitingThresholdMinutes: WholeNumberPropertyMock },
      )
    : new ComponentFrameworkMockGeneratorReact<RelatedFormInputs, IOutputs>(
        DualWriteProvenance as unknown as new () => ComponentFramework.ReactControl<RelatedFormInputs, IOutputs>,
        { source: LookupPropertyMock, commerceB2BProspect: TwoOptionsPropertyMock, waitingThresholdMinutes: WholeNumberPropertyMock },
      );
  const context = generator.context;
  const items: Record<string, unknown> = { source: options.source, waitingThresholdMinutes: options.threshold ?? null };
  if (options.commerceFlag !== undefined) items.commerceB2BProspect = options.commerceFlag;
  (context._SetCanvasItems as SinonStub).call(context, items);
  (context.mode as unknown as { contextInfo: object }).contextInfo = {
    entityTypeName: options.entity,
    entityId: options.recordId ?? "",
  };
  context.mode.allocatedWidth = options.width ?? 640;

  const strings = readResx(options.language ?? 1033);
  context.userSettings.languageId = options.language ?? 1033;
  context.resources.getString.callsFake((id: string) => strings.get(id) ?? "");
  // A fixed, language-neutral rendering keeps assertions independent of the machine's locale.
  context.formatting.formatDateShort.callsFake((value: Date) => value.toISOString().slice(0, 16).replace("T", " "));

  const retrieve = context.webAPI.retrieveMultipleRecords as unknown as SinonStub;
  retrieve.resetBehavior();
  const answer = options.answer ?? { rows: [] };
  if ("error" in answer) retrieve.rejects(answer.error);
  else retrieve.resolves({ entities: answer.rows, nextLink: undefined });
  if (options.deadlineRows) retrieve.withArgs("environmentvariabledefinition").resolves({ entities: options.deadlineRows, nextLink: undefined });
  const openForm = context.navigation.openForm as unknown as SinonStub;
  openForm.resolves({ savedEntityReference: [] });

  generator.ExecuteInit();
  const view = render(generator.ExecuteUpdateView());
  return {
    view,
    retrieve,
    openForm,
    update: () => view.rerender(generator.ExecuteUpdateView()),
  };
}
