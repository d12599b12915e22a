/**
 * The browser side of the Commerce JSON API (sandbox/src/commerce/api.ts), same origin. Every call
 * sends Accept-Language so the API's labels (status, party type, role, …) come in the page language.
 * Types are the server's own (type-only imports, erased from the bundle).
 */
import type { Channel } from "../../src/commerce/channels";
import type { Customer } from "../../src/commerce/customers";
import type { CustomerHierarchy, HierarchyMember } from "../../src/commerce/hierarchies";
import type { OutboxEmail } from "../../src/commerce/outbox";
import type { Prospect, ProspectStatusName } from "../../src/commerce/prospects";
import type { SignupError, SignupInput } from "../../src/commerce/signup";
import type { SignupRequest } from "../../src/commerce/signupRequests";
import type { SyncReport } from "../../src/dualwrite/dualWrite";
import type { LanguageId } from "../shared/session";

export type { Channel, Customer, CustomerHierarchy, OutboxEmail, Prospect, ProspectStatusName, SignupError, SignupInput, SignupRequest, SyncReport };

export type LabeledProspect = Prospect & { statusLabel: string; prospectTypeLabel: string };
export type LabeledCustomer = Customer & { partyTypeLabel: string };
export type LabeledHierarchy = Omit<CustomerHierarchy, "members"> & { purposeLabel: string; members: (HierarchyMember & { roleLabel: string })[] };
export type LabeledEmail = OutboxEmail & { notificationTypeLabel: string };

/** The part of fetch() the client uses, so tests can hand in any transport. */
export interface FetchResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<FetchResponse>;

/** A non-2xx answer: the API's `{ error: { code, message } }`, or the bare status when there is none. */
export class CommerceApiError extends Error {
  override name = "CommerceApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type SignupResult = { ok: true; request: SignupRequest } | { ok: false; errors: SignupError[] };

export interface CommerceClientOptions {
  languageId: LanguageId;
  /** Origin of the Commerce server; "" (the default) means the page's own origin. */
  baseUrl?: string;
  fetch?: FetchLike;
}

export class CommerceClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  readonly languageId: LanguageId;

  constructor(options: CommerceClientOptions) {
    this.baseUrl = options.baseUrl ?? "";
    this.languageId = options.languageId;
    this.fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
  }

  private async call(method: "GET" | "POST", path: string, body?: unknown, acceptStatus: number[] = []): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Accept-Language": this.languageId === 1035 ? "fi-FI" : "en-US",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (!response.ok && !acceptStatus.includes(response.status)) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new CommerceApiError(response.status, error?.code ?? "httpError", error?.message ?? `HTTP ${response.status}`);
    }
    return { status: response.status, json };
  }

  private async list<T>(path: string): Promise<T[]> {
    return ((await this.call("GET", path)).json as { value: T[] }).value;
  }

  channels(): Promise<Channel[]> {
    return this.list<Channel>("/commerce/channels");
  }

  /** POST /commerce/signups: 201 with the stored request, or 400 with one error per field. */
  async submitSignup(input: Partial<SignupInput>): Promise<SignupResult> {
    const { status, json } = await this.call("POST", "/commerce/signups", input, [400]);
    if (status === 400 && Array.isArray((json as { errors?: unknown })?.errors)) return { ok: false, errors: (json as { errors: SignupError[] }).errors };
    if (status === 400) throw new CommerceApiError(400, "badRequest", (json as { error?: { message?: string } })?.error?.message ?? "HTTP 400");
    return { ok: true, request: json as SignupRequest };
  }

  signupRequests(): Promise<SignupRequest[]> {
    return this.list<SignupRequest>("/commerce/signups");
  }

  prospects(status?: ProspectStatusName): Promise<LabeledProspect[]> {
    return this.list<LabeledProspect>(status ? `/commerce/prospects?status=${encodeURIComponent(status)}` : "/commerce/prospects");
  }

  customers(): Promise<LabeledCustomer[]> {
    return this.list<LabeledCustomer>("/commerce/customers");
  }

  hierarchies(): Promise<LabeledHierarchy[]> {
    return this.list<LabeledHierarchy>("/commerce/hierarchies");
  }

  outbox(): Promise<LabeledEmail[]> {
    return this.list<LabeledEmail>("/commerce/outbox");
  }

  async runP0001(): Promise<{ uploaded: number }> {
    return (await this.call("POST", "/commerce/jobs/P-0001")).json as { uploaded: number };
  }

  async runSynchronizeCustomersAndChannelRequests(): Promise<{ prospects: Prospect[] }> {
    return (await this.call("POST", "/commerce/jobs/synchronize-customers-and-channel-requests")).json as { prospects: Prospect[] };
  }

  /** Whether this Commerce server runs with the sandbox's dual-write (GET /commerce names it). */
  async hasDualWrite(): Promise<boolean> {
    return ((await this.call("GET", "/commerce")).json as { dualWrite?: string | null }).dualWrite != null;
  }

  async runDualWriteSync(): Promise<SyncReport> {
    return (await this.call("POST", "/commerce/dualwrite/sync")).json as SyncReport;
  }
}
