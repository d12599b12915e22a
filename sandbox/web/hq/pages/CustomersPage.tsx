import * as React from "react";
import { Link, MessageBar, MessageBarType } from "@fluentui/react";
import type { LabeledCustomer } from "../../commerceShared/client";
import { formatDateTime } from "../../commerceShared/language";
import { formatNodes } from "../../commerceShared/formatNodes";
import { useHq } from "../context";
import { Grid } from "../Grid";
import { PageFrame } from "../PageFrame";
import { hqPaths } from "../routes";
import { useRemote } from "../useRemote";

export function customerName(c: Pick<LabeledCustomer, "partyType" | "organizationName" | "firstName" | "lastName">): string {
  return c.partyType === "Organization" ? (c.organizationName ?? "") : [c.firstName, c.lastName].filter(Boolean).join(" ");
}

/** *All customers*: organizations and persons (from Sales accounts and contacts through dual-write). */
export function CustomersPage({ account }: { account: string | null }): React.ReactElement {
  const { client, languageId, strings: s, navigate } = useHq();
  const load = React.useCallback(() => client.customers(), [client]);
  const remote = useRemote(load);
  const items = remote.data && account ? remote.data.filter((c) => c.accountNumber === account) : remote.data;
  return (
    <PageFrame
      title={s.customers}
      onRefresh={remote.refresh}
      loading={remote.loading}
      loadError={remote.error}
      filters={
        account && (
          <MessageBar messageBarType={MessageBarType.info}>
            {formatNodes(s.accountFilter, account)}{" "}
            <Link
              href={hqPaths.customers}
              onClick={(e) => {
                e.preventDefault();
                navigate(hqPaths.customers);
              }}
            >
              {s.showAll}
            </Link>
          </MessageBar>
        )
      }
    >
      <Grid<LabeledCustomer>
        items={items}
        getKey={(c) => c.accountNumber}
        ariaLabel={s.customers}
        columns={[
          { key: "accountNumber", name: s.colAccount, minWidth: 100, maxWidth: 130, render: (c) => c.accountNumber },
          { key: "partyType", name: s.colPartyType, minWidth: 90, maxWidth: 120, render: (c) => c.partyTypeLabel },
          { key: "name", name: s.colName, minWidth: 160, maxWidth: 300, render: customerName },
          { key: "email", name: s.colEmail, minWidth: 160, render: (c) => c.email ?? "" },
          { key: "customerGroupId", name: s.colCustomerGroup, minWidth: 90, maxWidth: 120, render: (c) => c.customerGroupId ?? "" },
          { key: "prospectId", name: s.colProspectId, minWidth: 90, maxWidth: 110, render: (c) => c.prospectId ?? "" },
          { key: "createdAt", name: s.colCreated, minWidth: 120, render: (c) => formatDateTime(c.createdAt, languageId) },
        ]}
      />
    </PageFrame>
  );
}
