import * as React from "react";
import { MessageBar, MessageBarType, Stack } from "@fluentui/react";
import type { FormNotification } from "../clientApi/formModel";

const TYPES: Record<FormNotification["level"], MessageBarType> = {
  ERROR: MessageBarType.error,
  WARNING: MessageBarType.warning,
  INFO: MessageBarType.info,
  RECOMMENDATION: MessageBarType.info,
};

/** Form-level notifications (formContext.ui.setFormNotification), newest last, as message bars. */
export function FormNotifications({ notifications, label }: { notifications: readonly FormNotification[]; label: string }) {
  if (notifications.length === 0) return null;
  return (
    <Stack tokens={{ childrenGap: 4 }} role="region" aria-label={label}>
      {notifications.map((n) => (
        <MessageBar key={n.uniqueId} messageBarType={TYPES[n.level]} isMultiline data-notification-id={n.uniqueId}>
          {n.message}
        </MessageBar>
      ))}
    </Stack>
  );
}
