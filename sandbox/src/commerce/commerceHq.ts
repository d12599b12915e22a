import { approvedEmail, rejectedEmail } from "./emailTemplates";
import { DefaultChannels, getChannel, listChannels, seedChannels, type Channel } from "./channels";
import {
  customersOfProspect,
  getCustomer,
  insertCustomer,
  listCustomers,
  updateCustomer,
  type Customer,
  type CustomerFields,
  type PartyType,
} from "./customers";
import { hierarchyOfProspect, insertB2BHierarchy, listHierarchies, type CustomerHierarchy } from "./hierarchies";
import { listJobRuns, runP0001, runSynchronizeCustomersAndChannelRequests, type JobRun } from "./jobs";
import { listOutbox, sendEmail, type OutboxEmail } from "./outbox";
import { getProspect, listProspects, setProspectStatus, updateProspect, type Prospect, type ProspectChanges, type ProspectStatusName } from "./prospects";
import { ensureCommerceSchema } from "./schema";
import { validateSignup, type SignupError } from "./signup";
import { getSignupRequest, insertSignupRequest, listSignupRequests, type SignupRequest } from "./signupRequests";
import { openDatabase, type SqlDatabase } from "./sqlite";

export interface CommerceHqOptions {
  /** SQLite file (`:memory:` for tests). */
  dbFile: string;
  now?: () => Date;
  channels?: readonly Channel[];
}

/** A business rule Commerce enforces; dual-write reports it as a failed record instead of applying it. */
export class CommerceRuleError extends Error {
  override name = "CommerceRuleError";
}

/**
 * Commerce headquarters, as far as the B2B onboarding flow sees it: sign-up requests, the two jobs,
 * *All prospects*, customers, customer hierarchies and the email outbox.
 */
export class CommerceHq {
  readonly db: SqlDatabase;
  private readonly now: () => Date;

  constructor(options: CommerceHqOptions) {
    this.db = openDatabase(options.dbFile);
    this.now = options.now ?? (() => new Date());
    ensureCommerceSchema(this.db);
    seedChannels(this.db, options.channels ?? DefaultChannels);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  channels(): Channel[] {
    return listChannels(this.db);
  }

  channel(channelId: string): Channel | undefined {
    return getChannel(this.db, channelId);
  }

  /** The *Partner sign up* form's submit: validated, then stored in the channel database. */
  submitSignup(body: unknown, languageId: number): { ok: true; request: SignupRequest } | { ok: false; errors: SignupError[] } {
    const checked = validateSignup(body, (id) => getChannel(this.db, id) !== undefined, languageId);
    if (!checked.ok) return checked;
    return { ok: true, request: insertSignupRequest(this.db, checked.value, this.now()) };
  }

  signupRequest(requestId: string): SignupRequest | undefined {
    return getSignupRequest(this.db, requestId);
  }

  signupRequests(): SignupRequest[] {
    return listSignupRequests(this.db);
  }

  runP0001(): { uploaded: number } {
    return runP0001(this.db, this.now());
  }

  runSynchronizeCustomersAndChannelRequests(): { prospects: Prospect[] } {
    return runSynchronizeCustomersAndChannelRequests(this.db, this.now());
  }

  /** Both jobs in the order an administrator runs them. */
  runJobs(): { uploaded: number; prospects: Prospect[] } {
    const { uploaded } = this.runP0001();
    return { uploaded, ...this.runSynchronizeCustomersAndChannelRequests() };
  }

  jobRuns(): JobRun[] {
    return listJobRuns(this.db);
  }

  prospects(status?: ProspectStatusName): Prospect[] {
    return listProspects(this.db, status);
  }

  prospect(prospectId: string): Prospect | undefined {
    return getProspect(this.db, prospectId);
  }

  /** Field changes coming from Sales; returns the prospect's row version afterwards. */
  updateProspect(prospectId: string, changes: ProspectChanges): number {
    return updateProspect(this.db, prospectId, changes, this.now());
  }

  /**
   * A prospect status change. Approved creates the customer hierarchy (requester as Admin) and
   * sends *B2B prospect approved* as soon as both customers exist; Rejected sends *B2B prospect
   * rejected*. Approved is final: Commerce cannot take a business partner back.
   */
  changeProspectStatus(prospectId: string, status: ProspectStatusName): Prospect {
    return this.db.transaction(() => {
      const prospect = getProspect(this.db, prospectId);
      if (!prospect) throw new CommerceRuleError(`Prospect ${prospectId} does not exist.`);
      if (prospect.status === status) return prospect;
      if (prospect.status === "Approved") {
        throw new CommerceRuleError(`Prospect ${prospectId} is approved; its status cannot change to ${status}.`);
      }
      setProspectStatus(this.db, prospectId, status, this.now());
      if (status === "Approved") this.completeApproval(prospectId);
      if (status === "Rejected") {
        const updated = getProspect(this.db, prospectId) as Prospect;
        this.send(updated, rejectedEmail(updated, this.languageOf(updated)));
      }
      return getProspect(this.db, prospectId) as Prospect;
    })();
  }

  /** True while an approved prospect still waits for its organization or person customer. */
  approvalWaitingForCustomers(prospectId: string): boolean {
    const prospect = getProspect(this.db, prospectId);
    return prospect?.status === "Approved" && hierarchyOfProspect(this.db, prospectId) === undefined;
  }

  /**
   * Creates a customer or updates an existing one. A customer account that Commerce does not know
   * yet is created under that number; without one, the customer sequence assigns it.
   */
  upsertCustomer(partyType: PartyType, accountNumber: string | null, fields: Partial<CustomerFields>): Customer {
    return this.db.transaction(() => {
      const now = this.now();
      let customer: Customer;
      if (accountNumber && getCustomer(this.db, accountNumber)) {
        updateCustomer(this.db, accountNumber, fields, now);
        customer = getCustomer(this.db, accountNumber) as Customer;
      } else {
        customer = insertCustomer(this.db, partyType, fields, now, accountNumber ?? undefined);
      }
      if (customer.prospectId) this.completeApproval(customer.prospectId);
      return customer;
    })();
  }

  customer(accountNumber: string): Customer | undefined {
    return getCustomer(this.db, accountNumber);
  }

  customers(partyType?: PartyType): Customer[] {
    return listCustomers(this.db, partyType);
  }

  hierarchies(): CustomerHierarchy[] {
    return listHierarchies(this.db);
  }

  hierarchyOfProspect(prospectId: string): CustomerHierarchy | undefined {
    return hierarchyOfProspect(this.db, prospectId);
  }

  outbox(prospectId?: string): OutboxEmail[] {
    return listOutbox(this.db, prospectId);
  }

  private completeApproval(prospectId: string): void {
    const prospect = getProspect(this.db, prospectId);
    if (!prospect || prospect.status !== "Approved" || hierarchyOfProspect(this.db, prospectId)) return;
    const { organization, person } = customersOfProspect(this.db, prospectId);
    if (!organization || !person) return;
    insertB2BHierarchy(this.db, prospectId, organization, person, this.now());
    this.send(prospect, approvedEmail(prospect, organization.accountNumber, this.languageOf(prospect)));
  }

  private languageOf(prospect: Prospect): number {
    return getChannel(this.db, prospect.channelId)?.languageId ?? 1033;
  }

  private send(prospect: Prospect, email: ReturnType<typeof rejectedEmail>): void {
    sendEmail(
      this.db,
      { ...email, toAddress: prospect.email, languageId: this.languageOf(prospect), prospectId: prospect.prospectId },
      this.now(),
    );
  }
}
