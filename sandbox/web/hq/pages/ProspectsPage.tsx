import * as React from "react";
import { Dropdown, Link, Stack, type IDropdownOption } from "@fluentui/react";
import { commerceTexts } from "../../../src/commerce/labels";
import type { LabeledCustomer, LabeledProspect, ProspectStatusName } from "../../commerceShared/client";
import { formatDateTime } from "../../commerceShared/language";
import { useHq } from "../context";
import { Grid } from "../Grid";
import { PageFrame } from "../PageFrame";
import { hqPaths } from "../routes";
import { useJobs } from "../useJobs";
import { useRemote } from "../useRemote";

const statusColors: Record<ProspectStatusName, string> = { Pending: "#8a6d00", Approved: "#107c10", Rejected: "#a4262c" };

/** *All prospects*: the B2B prospects with status, their customers once dual-write created them. */
export function ProspectsPage(): React.ReactElement {
  const { client, languageId, strings: s, navigate } = useHq();
  const [status, setStatus] = React.useState<ProspectStatusName | "">("");
  const load = React.useCallback(() => Promise.all([client.prospects(status || undefined), client.customers()]), [client, status]);
  const remote = useRemote(load);
  const jobs = useJobs(remote.refresh);
  const [prospects, customers] = remote.data ?? [null, [] as LabeledCustomer[]];

  const customersOf = (prospectId: string): LabeledCustomer[] => customers.filter((c) => c.prospectId === prospectId);
  const statusLabels = commerceTexts(languageId).prospectStatus;
  const statusOptions: IDropdownOption[] = [
    { key: "", text: s.allStatuses },
    ...(["Pending", "Approved", "Rejected"] as const).map((key) => ({ key, text: statusLabels[key] })),
  ];

  return (
    <PageFrame
      title={s.prospects}
      actions={jobs.items}
      onRefresh={remote.refresh}
      loading={remote.loading}
      loadError={remote.error}
      message={jobs.message}
      onDismissMessage={jobs.dismiss}
      filters={
        <Stack horizontal>
          <Dropdown
            label={s.statusFilter}
            options={statusOptions}
            selectedKey={status}
            onChange={(_, option) => setStatus((option?.key ?? "") as ProspectStatusName | "")}
            styles={{ root: { width: 200 } }}
          />
        </Stack>
      }
    >
      <Grid<LabeledProspect>
        items={prospects}
        getKey={(p) => p.prospectId}
        ariaLabel={s.prospects}
        columns={[
          { key: "prospectId", name: s.colProspectId, minWidth: 90, maxWidth: 110, render: (p) => p.prospectId },
          { key: "companyName", name: s.colCompany, minWidth: 160, maxWidth: 300, render: (p) => p.companyName },
          { key: "contact", name: s.colContact, minWidth: 120, render: (p) => `${p.firstName} ${p.lastName}` },
          { key: "email", name: s.colEmail, minWidth: 160, render: (p) => p.email },
          {
            key: "status",
            name: s.colStatus,
            minWidth: 80,
            maxWidth: 110,
            render: (p) => <span style={{ color: statusColors[p.status], fontWeight: 600 }}>{p.statusLabel}</span>,
          },
          {
            key: "customers",
            name: s.colCustomers,
            minWidth: 140,
            render: (p) => (
              <span>
                {customersOf(p.prospectId).map((c, i) => (
                  <React.Fragment key={c.accountNumber}>
                    {i > 0 && ", "}
                    <Link
                      href={`${hqPaths.customers}?account=${encodeURIComponent(c.accountNumber)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`${hqPaths.customers}?account=${encodeURIComponent(c.accountNumber)}`);
                      }}
                      title={c.partyTypeLabel}
                    >
                      {c.accountNumber}
                    </Link>
                  </React.Fragment>
                ))}
              </span>
            ),
          },
          { key: "channel", name: s.colChannel, minWidth: 70, maxWidth: 90, render: (p) => p.channelId },
          { key: "createdAt", name: s.colCreated, minWidth: 120, render: (p) => formatDateTime(p.createdAt, languageId) },
        ]}
      />
    </PageFrame>
  );
}
