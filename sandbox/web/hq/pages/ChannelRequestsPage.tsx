import * as React from "react";
import type { SignupRequest } from "../../commerceShared/client";
import { formatDateTime } from "../../commerceShared/language";
import { useHq } from "../context";
import { Grid } from "../Grid";
import { PageFrame } from "../PageFrame";
import { useJobs } from "../useJobs";
import { useRemote } from "../useRemote";
import type { HqStrings } from "../strings";

function stageLabel(s: HqStrings, stage: SignupRequest["stage"]): string {
  return stage === "Channel" ? s.stageChannel : stage === "Headquarters" ? s.stageHeadquarters : s.stageProcessed;
}

/** *Channel requests*: the sign-ups from the B2B site and where each one is (channel, HQ, processed). */
export function ChannelRequestsPage(): React.ReactElement {
  const { client, languageId, strings: s } = useHq();
  const load = React.useCallback(() => client.signupRequests(), [client]);
  const remote = useRemote(load);
  const jobs = useJobs(remote.refresh);
  return (
    <PageFrame
      title={s.channelRequests}
      actions={jobs.items}
      onRefresh={remote.refresh}
      loading={remote.loading}
      loadError={remote.error}
      message={jobs.message}
      onDismissMessage={jobs.dismiss}
    >
      <Grid<SignupRequest>
        items={remote.data}
        getKey={(r) => r.requestId}
        ariaLabel={s.channelRequests}
        columns={[
          { key: "requestId", name: s.colRequestId, minWidth: 100, maxWidth: 120, render: (r) => r.requestId },
          { key: "companyName", name: s.colCompany, minWidth: 160, maxWidth: 300, render: (r) => r.companyName },
          { key: "contact", name: s.colContact, minWidth: 120, render: (r) => `${r.firstName} ${r.lastName}` },
          { key: "email", name: s.colEmail, minWidth: 160, render: (r) => r.email },
          { key: "channel", name: s.colChannel, minWidth: 70, maxWidth: 90, render: (r) => r.channel },
          { key: "stage", name: s.colStage, minWidth: 100, maxWidth: 130, render: (r) => stageLabel(s, r.stage) },
          { key: "submittedAt", name: s.colSubmitted, minWidth: 120, render: (r) => formatDateTime(r.submittedAt, languageId) },
          { key: "uploadedAt", name: s.colUploaded, minWidth: 120, render: (r) => formatDateTime(r.uploadedAt, languageId) },
          { key: "prospectId", name: s.colProspectId, minWidth: 90, maxWidth: 110, render: (r) => r.prospectId ?? "" },
        ]}
      />
    </PageFrame>
  );
}
