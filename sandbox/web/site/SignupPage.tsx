import * as React from "react";
import { Dropdown, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack, Text, TextField, type IDropdownOption } from "@fluentui/react";
import { commerceTexts } from "../../src/commerce/labels";
import { validateSignup, type SignupField } from "../../src/commerce/signup";
import type { Channel, CommerceClient, SignupRequest, SignupResult } from "../commerceShared/client";
import { formatNodes } from "../commerceShared/formatNodes";
import { emptySignupForm, toSignupBody, type SignupFormValues } from "./signupForm";
import { siteStrings } from "./strings";

export interface SignupPageProps {
  client: CommerceClient;
  onSubmitted(request: SignupRequest): void;
}

type FieldErrors = Partial<Record<string, string>>;

const sectionStyle: React.CSSProperties = { background: "#fff", border: "1px solid #e1dfdd", borderRadius: 4, padding: "16px 20px" };

/** The B2B site's *Partner sign up* form. */
export function SignupPage({ client, onSubmitted }: SignupPageProps): React.ReactElement {
  const languageId = client.languageId;
  const s = siteStrings(languageId);
  const labels = commerceTexts(languageId).fields;
  const [channels, setChannels] = React.useState<Channel[] | null>(null);
  const [channelsError, setChannelsError] = React.useState<string | null>(null);
  const [values, setValues] = React.useState<SignupFormValues>(() => emptySignupForm());
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const [submitting, setSubmitting] = React.useState(false);
  const [attempted, setAttempted] = React.useState(false);
  const formRef = React.useRef<HTMLFormElement>(null);

  React.useEffect(() => {
    let active = true;
    client.channels().then(
      (list) => {
        if (!active) return;
        setChannels(list);
        // The channel of the page language first, as a localized site would preselect it.
        const preferred = list.find((c) => c.languageId === languageId) ?? list[0];
        setValues((v) => (v.channel ? v : { ...v, channel: preferred?.channelId ?? "" }));
      },
      (error: unknown) => active && setChannelsError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      active = false;
    };
  }, [client, languageId]);

  // The server's own rules, run in the browser: same checks, same messages as its 400 answer.
  const check = React.useCallback(
    (v: SignupFormValues): FieldErrors => {
      const known = new Set((channels ?? []).map((c) => c.channelId));
      const result = validateSignup(toSignupBody(v), (id) => known.has(id), languageId);
      return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
    },
    [channels, languageId],
  );

  // After the first submit, messages follow the typing.
  const update = (field: SignupField, value: string): void => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (attempted) setErrors(check(next));
  };

  // A language switch re-words the messages already shown (the check runs in the new language).
  React.useEffect(() => {
    if (attempted) setErrors(check(values));
    // Only on a language change: typing re-checks in update(), submits in submit().
  }, [languageId]);

  const focusFirstError = (): void => {
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus(), 0);
  };

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    if (submitting) return;
    setAttempted(true);
    setFormError(null);
    const local = check(values);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFormError(s.fixErrors);
      focusFirstError();
      return;
    }
    setSubmitting(true);
    let result: SignupResult;
    try {
      result = await client.submitSignup(toSignupBody(values));
    } catch (error) {
      setSubmitting(false);
      setFormError(s.submitFailed.replace("{0}", error instanceof Error ? error.message : String(error)));
      return;
    }
    // Success leaves this page (the confirmation replaces it): no state is set after that.
    if (result.ok) return onSubmitted(result.request);
    setSubmitting(false);
    const byField: FieldErrors = {};
    const other: string[] = [];
    for (const e of result.errors) {
      if (e.field in values && !byField[e.field]) byField[e.field] = e.message;
      else if (!(e.field in values)) other.push(e.message);
    }
    setErrors(byField);
    setFormError(other.length > 0 ? other.join(" ") : s.fixErrors);
    focusFirstError();
  };

  const text = (field: Exclude<SignupField, "channel">, extra: Partial<React.ComponentProps<typeof TextField>> = {}): React.ReactElement => (
    <TextField
      label={labels[field]}
      value={values[field]}
      onChange={(_, v) => update(field, v ?? "")}
      errorMessage={errors[field]}
      name={field}
      {...extra}
    />
  );

  const channelOptions: IDropdownOption[] = (channels ?? []).map((c) => ({ key: c.channelId, text: c.name }));

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="signup-title">
      <Stack tokens={{ childrenGap: 16 }}>
        <Text as="h1" id="signup-title" variant="xxLarge" styles={{ root: { margin: 0, fontWeight: 600 } }}>
          {s.pageTitle}
        </Text>
        <Text as="p" styles={{ root: { margin: 0 } }}>
          {s.intro}
        </Text>
        <Text as="p" variant="small" styles={{ root: { margin: 0 } }}>
          {s.requiredNote}
        </Text>
        {formError && (
          <MessageBar messageBarType={MessageBarType.error} isMultiline>
            {formError}
          </MessageBar>
        )}
        {channelsError && (
          <MessageBar messageBarType={MessageBarType.error} isMultiline>
            {formatNodes(s.channelsFailed, channelsError)}
          </MessageBar>
        )}
        <fieldset style={sectionStyle}>
          <legend>
            <Text variant="large">{s.sectionCompany}</Text>
          </legend>
          <Stack tokens={{ childrenGap: 8 }}>
            {text("companyName", { required: true, autoComplete: "organization" })}
            {text("website", { type: "url", autoComplete: "url", placeholder: "https://" })}
            {text("numberOfEmployees", { inputMode: "numeric" })}
          </Stack>
        </fieldset>
        <fieldset style={sectionStyle}>
          <legend>
            <Text variant="large">{s.sectionContact}</Text>
          </legend>
          <Stack tokens={{ childrenGap: 8 }}>
            <Stack horizontal wrap tokens={{ childrenGap: 16 }}>
              <Stack.Item grow>{text("firstName", { required: true, autoComplete: "given-name" })}</Stack.Item>
              <Stack.Item grow>{text("lastName", { required: true, autoComplete: "family-name" })}</Stack.Item>
            </Stack>
            {text("email", { required: true, type: "email", autoComplete: "email" })}
            {text("phone", { type: "tel", autoComplete: "tel" })}
          </Stack>
        </fieldset>
        <fieldset style={sectionStyle}>
          <legend>
            <Text variant="large">{s.sectionAddress}</Text>
          </legend>
          <Stack tokens={{ childrenGap: 8 }}>
            {text("street", { autoComplete: "street-address" })}
            <Stack horizontal wrap tokens={{ childrenGap: 16 }}>
              <Stack.Item grow>{text("city", { autoComplete: "address-level2" })}</Stack.Item>
              <Stack.Item grow>{text("stateOrProvince", { autoComplete: "address-level1" })}</Stack.Item>
              <Stack.Item grow>{text("postalCode", { autoComplete: "postal-code" })}</Stack.Item>
            </Stack>
            {text("countryRegion", { autoComplete: "country-name" })}
          </Stack>
        </fieldset>
        <fieldset style={sectionStyle}>
          <legend>
            <Text variant="large">{s.sectionMore}</Text>
          </legend>
          <Stack tokens={{ childrenGap: 8 }}>
            <Dropdown
              label={labels.channel}
              required
              placeholder={s.channelPlaceholder}
              options={channelOptions}
              selectedKey={values.channel || null}
              onChange={(_, option) => update("channel", option ? String(option.key) : "")}
              errorMessage={errors.channel}
              disabled={channels === null}
            />
            {text("comments", { multiline: true, rows: 4 })}
          </Stack>
        </fieldset>
        <Stack horizontal tokens={{ childrenGap: 12 }} verticalAlign="center">
          <PrimaryButton type="submit" text={s.submit} disabled={submitting} />
          {submitting && <Spinner size={SpinnerSize.small} label={s.submitting} labelPosition="right" />}
        </Stack>
      </Stack>
    </form>
  );
}
