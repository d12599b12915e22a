import * as React from "react";
import { IconButton, Stack, Text } from "@fluentui/react";
import { chromeString } from "../../shared/strings";
import type { LanguageId } from "../../shared/session";

export interface GridFooterProps {
  languageId: LanguageId;
  page: number;
  shownCount: number;
  total: number | null;
  totalExceeded: boolean;
  hasMore: boolean;
  onPage(page: number): void;
}

/** Row count on the left, paging on the right, as under a model-driven grid. */
export function GridFooter({ languageId, page, shownCount, total, totalExceeded, hasMore, onPage }: GridFooterProps): React.ReactElement {
  const count = total ?? shownCount;
  return (
    <Stack horizontal verticalAlign="center" horizontalAlign="space-between" styles={{ root: { padding: "4px 12px", borderTop: "1px solid #edebe9" } }}>
      <Text variant="small" data-testid="grid-record-count">
        {chromeString(languageId, totalExceeded ? "recordCountMore" : "recordCount", count)}
      </Text>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 4 }}>
        <IconButton iconProps={{ iconName: "DoubleChevronLeft" }} ariaLabel={chromeString(languageId, "firstPage")} title={chromeString(languageId, "firstPage")} disabled={page <= 1} onClick={() => onPage(1)} />
        <IconButton iconProps={{ iconName: "ChevronLeft" }} ariaLabel={chromeString(languageId, "previousPage")} title={chromeString(languageId, "previousPage")} disabled={page <= 1} onClick={() => onPage(page - 1)} />
        <Text variant="small">{chromeString(languageId, "pageNumber", page)}</Text>
        <IconButton iconProps={{ iconName: "ChevronRight" }} ariaLabel={chromeString(languageId, "nextPage")} title={chromeString(languageId, "nextPage")} disabled={!hasMore} onClick={() => onPage(page + 1)} />
      </Stack>
    </Stack>
  );
}
