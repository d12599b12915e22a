/**
 * A `ComponentFramework.Context` as a model-driven form gives a field control: parameters, mode with
 * the form's record (contextInfo), webAPI, resources (the control's resx in the user's language),
 * userSettings, formatting, utils, navigation, factory, client and device. Members the sandbox does
 * not implement reject or throw saying so, instead of answering something made up.
 */
import type { PageTarget, SalesSession } from "../../shared/session";
import { createFormatting, localeOf, notImplemented } from "./formatting";
import type { ControlManifest } from "./manifest";
import { buildParameters } from "./parameters";
import type { PcfParameter } from "./types";

export interface ContextInput {
  manifest: ControlManifest;
  parameters: PcfParameter[];
  values: Record<string, unknown>;
  record: { entityName: string; id: string; name: string };
  session: SalesSession;
  /** The control's resx strings for the session language (falling back to 1033). */
  strings: Map<string, string>;
  allocated: { width: number; height: number };
  updatedProperties: string[];
  webAPI: ComponentFramework.WebApi;
  navigate(target: PageTarget): void;
  trackContainerResize(track: boolean): void;
  requestRender(): void;
  /** Fetches a file of the control's web resource folder, base64 (resources.getResource). */
  fetchResource(path: string): Promise<string>;
}

export type HostContext = ComponentFramework.Context<Record<string, unknown>>;

const braced = (id: string): string => `{${id.replace(/^\{|\}$/g, "").toUpperCase()}}`;

function rejecting(member: string): () => Promise<never> {
  return () => Promise.reject(notImplemented(member));
}

export function buildPcfContext(input: ContextInput): HostContext {
  const { session, manifest } = input;
  const languageId = session.languageId;
  const mode = {
    isControlDisabled: false,
    isVisible: true,
    label: "",
    allocatedWidth: input.allocated.width,
    allocatedHeight: input.allocated.height,
    contextInfo: { entityTypeName: input.record.entityName, entityId: input.record.id, entityRecordName: input.record.name },
    setControlState: () => true,
    setFullScreen: () => undefined,
    trackContainerResize: (track: boolean) => input.trackContainerResize(track),
  };
  const userSettings = {
    userId: braced(session.user.id),
    userName: session.user.fullname,
    languageId,
    isRTL: false,
    locale: localeOf(languageId),
    securityRoles: [] as string[],
    dateFormattingInfo: {} as ComponentFramework.UserSettingApi.DateFormattingInfo,
    numberFormattingInfo: {} as ComponentFramework.UserSettingApi.NumberFormattingInfo,
    getTimeZoneOffsetMinutes: (date?: Date) => -(date ?? new Date()).getTimezoneOffset(),
  };
  const resources = {
    getString: (id: string) => input.strings.get(id) ?? id,
    getResource: (id: string, success: (data: string) => void, failure: () => void) => {
      input.fetchResource(id).then(success, () => failure());
    },
  };
  const navigation = {
    openForm: (options: ComponentFramework.NavigationApi.EntityFormOptions) => {
      if (!options.entityName) return Promise.reject(new Error("openForm needs an entityName."));
      const target: PageTarget = { pagetype: "entityrecord", etn: options.entityName };
      if (options.entityId) target.id = options.entityId.replace(/^\{|\}$/g, "").toLowerCase();
      input.navigate(target);
      return Promise.resolve({ savedEntityReference: [] });
    },
    openUrl: (url: string) => {
      window.open(url, "_blank", "noopener");
    },
    openAlertDialog: rejecting("navigation.openAlertDialog"),
    openConfirmDialog: rejecting("navigation.openConfirmDialog"),
    openErrorDialog: rejecting("navigation.openErrorDialog"),
    openFile: rejecting("navigation.openFile"),
    openWebResource: () => {
      throw notImplemented("navigation.openWebResource");
    },
  };
  const utils = {
    getEntityMetadata: async (entityName: string) => {
      const response = await session.fetchApi(`EntityDefinitions(LogicalName='${encodeURIComponent(entityName)}')`);
      if (!response.ok) throw new Error(`No metadata for ${entityName} (HTTP ${response.status}).`);
      return (await response.json()) as Record<string, unknown>;
    },
    hasEntityPrivilege: () => true,
    lookupObjects: rejecting("utils.lookupObjects"),
  };
  const context = {
    parameters: buildParameters(manifest, input.parameters, input.values, languageId),
    updatedProperties: input.updatedProperties,
    mode,
    webAPI: input.webAPI,
    resources,
    userSettings,
    formatting: createFormatting(languageId),
    utils,
    navigation,
    factory: {
      requestRender: () => input.requestRender(),
      getPopupService: () => {
        throw notImplemented("factory.getPopupService");
      },
    },
    client: {
      disableScroll: false,
      getClient: () => "Web",
      getFormFactor: () => 1,
      isOffline: () => false,
      isNetworkAvailable: () => navigator.onLine !== false,
    },
    device: {
      captureAudio: rejecting("device.captureAudio"),
      captureImage: rejecting("device.captureImage"),
      captureVideo: rejecting("device.captureVideo"),
      getBarcodeValue: rejecting("device.getBarcodeValue"),
      getCurrentPosition: rejecting("device.getCurrentPosition"),
      pickFile: rejecting("device.pickFile"),
    },
    events: {},
  };
  return context as unknown as HostContext;
}
