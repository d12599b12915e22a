import type { PageTarget, SalesSession } from "../../shared/session";

/** A bound or static parameter of a form's customControl, as the formxml declares it. */
export interface PcfParameter {
  name: string;
  /** Manifest type, e.g. SingleLine.Text, TwoOptions, Whole.None, Lookup.Simple. */
  type: string;
  /** true: `value` is the literal; false: `value` is the bound column's logical name. */
  isStatic: boolean;
  value: string;
}

/** What a form gives the PCF host for one control placement. */
export interface PcfControlHostProps {
  /** The formxml customControl name: solution prefix + namespace.constructor, e.g. cb2b_Cb2b.DualWriteProvenance. */
  controlName: string;
  parameters: PcfParameter[];
  /** The form's record (mode.contextInfo). */
  record: { entityName: string; id: string; name: string };
  /** Current values of the form's columns, keyed by logical name, as the Client API holds them
   *  (lookups as Xrm.LookupValue[] , option sets as numbers, booleans, strings, Date). */
  values: Record<string, unknown>;
  session: SalesSession;
  /** Called when the control reports a new output (getOutputs) for a bound column. */
  onOutputChanged?: (column: string, value: unknown) => void;
  /** Where navigation.openForm goes; without it the host pushes the main.aspx URL and signals popstate, which the Sales shell follows. */
  navigate?: (target: PageTarget) => void;
}
