import { Languages } from "../../../core/src";
import type { SqlDatabase } from "./sqlite";

/** A B2B online channel: where sign-ups come from and which defaults their prospects get. */
export interface Channel {
  channelId: string;
  name: string;
  /** The channel's operating unit party number: RETAILCHANNELOPERATINGUNITPARTYNUMBER in the Prospects (leads) map. */
  operatingUnitPartyNumber: string;
  currencyCode: string;
  customerGroupId: string;
  /** Language of the emails Commerce sends to this channel's partners. */
  languageId: number;
}

/** The channels a fresh sandbox starts with. */
export const DefaultChannels: readonly Channel[] = [
  {
    channelId: "B2B-US",
    name: "Adventure Works B2B",
    operatingUnitPartyNumber: "000150",
    currencyCode: "USD",
    customerGroupId: "30",
    languageId: Languages.English,
  },
  {
    channelId: "B2B-FI",
    name: "Adventure Works B2B Suomi",
    operatingUnitPartyNumber: "000151",
    currencyCode: "EUR",
    customerGroupId: "30",
    languageId: Languages.Finnish,
  },
];

interface ChannelRow {
  channel_id: string;
  name: string;
  operating_unit_party_number: string;
  currency_code: string;
  customer_group_id: string;
  language_id: number;
}

function toChannel(row: ChannelRow): Channel {
  return {
    channelId: row.channel_id,
    name: row.name,
    operatingUnitPartyNumber: row.operating_unit_party_number,
    currencyCode: row.currency_code,
    customerGroupId: row.customer_group_id,
    languageId: row.language_id,
  };
}

export function seedChannels(db: SqlDatabase, channels: readonly Channel[]): void {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO commerce_channels (channel_id, name, operating_unit_party_number, currency_code, customer_group_id, language_id) VALUES (?, ?, ?, ?, ?, ?)",
  );
  for (const c of channels) insert.run(c.channelId, c.name, c.operatingUnitPartyNumber, c.currencyCode, c.customerGroupId, c.languageId);
}

export function getChannel(db: SqlDatabase, channelId: string): Channel | undefined {
  const row = db.prepare("SELECT * FROM commerce_channels WHERE channel_id = ?").get(channelId) as ChannelRow | undefined;
  return row ? toChannel(row) : undefined;
}

export function listChannels(db: SqlDatabase): Channel[] {
  return (db.prepare("SELECT * FROM commerce_channels ORDER BY channel_id").all() as ChannelRow[]).map(toChannel);
}
