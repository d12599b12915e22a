import * as React from "react";
import type { LabeledCustomer, LabeledHierarchy } from "../../commerceShared/client";
import { formatDateTime } from "../../commerceShared/language";
import { useHq } from "../context";
import { Grid } from "../Grid";
import { PageFrame } from "../PageFrame";
import { useRemote } from "../useRemote";
import { customerName } from "./CustomersPage";

/** *Customer hierarchies*: each B2B organization with its members and their roles (requester = Admin). */
export function HierarchiesPage(): React.ReactElement {
  const { client, languageId, strings: s } = useHq();
  const load = React.useCallback(() => Promise.all([client.hierarchies(), client.customers()]), [client]);
  const remote = useRemote(load);
  const [hierarchies, customers] = remote.data ?? [null, [] as LabeledCustomer[]];
  const nameOf = (account: string): string => {
    const customer = customers.find((c) => c.accountNumber === account);
    return customer ? `${customerName(customer)} (${account})` : account;
  };
  return (
    <PageFrame title={s.hierarchies} onRefresh={remote.refresh} loading={remote.loading} loadError={remote.error}>
      <Grid<LabeledHierarchy>
        items={hierarchies}
        getKey={(h) => h.hierarchyId}
        ariaLabel={s.hierarchies}
        columns={[
          { key: "hierarchyId", name: s.colHierarchyId, minWidth: 90, maxWidth: 110, render: (h) => h.hierarchyId },
          { key: "name", name: s.colName, minWidth: 160, maxWidth: 280, render: (h) => h.name },
          { key: "purpose", name: s.colPurpose, minWidth: 120, maxWidth: 150, render: (h) => h.purposeLabel },
          { key: "organization", name: s.colOrganization, minWidth: 100, maxWidth: 130, render: (h) => h.organizationAccount },
          {
            key: "members",
            name: s.colMembers,
            minWidth: 220,
            maxWidth: 400,
            render: (h) => (
              <ul style={{ margin: 0, padding: 0, listStyle: "none" }}>
                {h.members.map((m) => (
                  <li key={m.customerAccount}>
                    {nameOf(m.customerAccount)} — <strong>{m.roleLabel}</strong>
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "prospectId", name: s.colProspectId, minWidth: 90, maxWidth: 110, render: (h) => h.prospectId ?? "" },
          { key: "createdAt", name: s.colCreated, minWidth: 120, render: (h) => formatDateTime(h.createdAt, languageId) },
        ]}
      />
    </PageFrame>
  );
}
