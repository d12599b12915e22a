/** A grid row as the command bar passes it for SelectedControlSelectedItemReferences. */
export interface SelectedReference {
  Id: string;
  Name?: string;
  TypeName?: string;
}
