import * as React from "react";
import { Nav, type INavLinkGroup } from "@fluentui/react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { chromeString } from "../../shared/strings";
import { dashboardString } from "../dashboards/dashboardTexts";
import { salesEntity } from "./entities";
import { targetUrl } from "./route";

export interface SiteMapProps {
  session: SalesSession;
  current: PageTarget;
  navigate(target: PageTarget): void;
}

const DASHBOARDS_KEY = "dashboards";
const icons: Record<string, string> = { lead: "AddFriend", opportunity: "Money", account: "CityNext", contact: "Contact" };

/** The left navigation of Sales Hub: My work (the dashboards), then areas of tables, each opening the table's list. */
export function SiteMap({ session, current, navigate }: SiteMapProps): React.ReactElement {
  const lang = session.languageId;
  const link = (logicalName: string) => {
    const entity = salesEntity(logicalName);
    const target: PageTarget = { pagetype: "entitylist", etn: logicalName };
    return {
      key: logicalName,
      name: entity ? entity.displayCollectionName[lang] : logicalName,
      url: targetUrl(target),
      icon: icons[logicalName],
      onClick: (event?: React.MouseEvent<HTMLElement>) => {
        event?.preventDefault();
        navigate(target);
      },
    };
  };
  const dashboards: PageTarget = { pagetype: "dashboard" };
  const groups: INavLinkGroup[] = [
    {
      name: dashboardString(lang, "myWork"),
      links: [
        {
          key: DASHBOARDS_KEY,
          name: dashboardString(lang, "dashboards"),
          url: targetUrl(dashboards),
          icon: "ViewDashboard",
          onClick: (event?: React.MouseEvent<HTMLElement>) => {
            event?.preventDefault();
            navigate(dashboards);
          },
        },
      ],
    },
    { name: chromeString(lang, "groupCustomers"), links: [link("account"), link("contact")] },
    { name: chromeString(lang, "groupSales"), links: [link("lead"), link("opportunity")] },
  ];
  return (
    <nav aria-label={chromeString(lang, "siteMap")} style={{ width: 220, flexShrink: 0, background: "#f3f2f1", borderRight: "1px solid #e1dfdd", overflowY: "auto" }}>
      <Nav
        groups={groups}
        selectedKey={current.pagetype === "dashboard" ? DASHBOARDS_KEY : current.etn}
        onRenderGroupHeader={(group) => <h2 style={{ fontSize: 12, fontWeight: 600, color: "#605e5c", margin: "16px 16px 4px" }}>{group?.name}</h2>}
        styles={{ root: { paddingTop: 4 }, groupContent: { marginBottom: 4 } }}
      />
    </nav>
  );
}
