/**
 * The control's parameters as ControlManifest.Input.xml declares them, written by hand (not imported
 * from pcf-scripts' generated/ManifestTypes.d.ts) so that type checking and tests work before any build.
 */
export interface IInputs {
  /** Set by the Power Apps grid: the event the customizer fires to hand over its cell renderers. */
  EventName: ComponentFramework.PropertyTypes.StringProperty;
}

// The customizer writes nothing back.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IOutputs {}
