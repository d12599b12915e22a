/**
 * The control's parameters as declared in ControlManifest.Input.xml. Written by hand (not imported
 * from pcf-scripts' generated/ManifestTypes.d.ts) so that type checking and tests work on a fresh
 * checkout before any build; test/manifest.test.ts keeps the two in step.
 */
export interface IInputs {
  /** Bound: the lead's msdyn_prospectid (text) or the record's originatingleadid (lookup). */
  source: ComponentFramework.PropertyTypes.StringProperty | ComponentFramework.PropertyTypes.LookupProperty;
  /** Optional on lead forms: msdyn_b2bcommerceprospect. */
  commerceB2BProspect: ComponentFramework.PropertyTypes.TwoOptionsProperty;
  /** Minutes a dual-write step may wait before the control warns (default 30). */
  waitingThresholdMinutes: ComponentFramework.PropertyTypes.WholeNumberProperty;
}

// The control writes nothing back to the form.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IOutputs {}
