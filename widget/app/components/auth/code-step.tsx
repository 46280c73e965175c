import { useEffect, useId, useRef } from 'preact/hooks';
import { CODE_LENGTH } from '../../../../shared/limits.ts';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { Field } from './field.tsx';
import { maskedContact } from './masked-contact.ts';
import { StepForm } from './step-form.tsx';

/**
 * "Введите код доступа из SMS-сообщения" (or from the email): one input for the 6 digits and the
 * resend control, which counts the server's 59 seconds down and then becomes a button.
 */
export function CodeStep({ flow }: { flow: AuthFlow }) {
  const { a, seconds } = useAuthText();
  const id = useId();
  const errorId = `${id}-error`;
  const codeRef = useRef<HTMLDivElement>(null);
  const byPhone = flow.channel.value === 'phone';
  const left = flow.resendLeft.value;
  const invalid = flow.error.value?.field === 'code';
  const [before, after] = a.code.sentTo.split('{contact}');

  useWebOtp(flow, byPhone);

  const resend = async () => {
    await flow.resendCode();
    // The button turns back into the countdown text: keep the keyboard in the step.
    codeRef.current?.querySelector('input')?.focus();
  };

  return (
    <StepForm
      id={id}
      flow={flow}
      title={byPhone ? a.code.titlePhone : a.code.titleEmail}
      onSubmit={() => flow.confirm()}
      submit={a.code.submit}
      links={
        left > 0 ? (
          <p class="resend-wait">{a.code.resendIn.replace('{time}', seconds(left))}</p>
        ) : (
          <button type="button" class="link" onClick={resend}>
            {a.code.resend}
          </button>
        )
      }
    >
      <p class="step-text">{byPhone ? a.code.textPhone : a.code.textEmail}</p>
      <div ref={codeRef}>
        <Field
          id={`${id}-code`}
          label={a.fields.code}
          type="text"
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={CODE_LENGTH}
          value={flow.code.value}
          onInput={(event) => {
            flow.code.value = event.currentTarget.value.replace(/\D/g, '');
            if (event.currentTarget.value !== flow.code.value) event.currentTarget.value = flow.code.value;
          }}
          invalid={invalid}
          describedBy={invalid ? errorId : undefined}
        />
      </div>
      {/* Where the code went, and the way back to correct a mistyped number or address (after
          the field, so that Tab from the title still lands in the code). */}
      <p class="sent-to">
        {before}
        <span class="contact">
          {maskedContact(flow.channel.value, flow.contact.value, flow.defaultCountry)}
        </span>
        {after}{' '}
        <button type="button" class="link" onClick={flow.back}>
          {byPhone ? a.code.changePhone : a.code.changeEmail}
        </button>
      </p>
    </StepForm>
  );
}

type OtpCredential = Credential & { code?: string };

/**
 * WebOTP: where the browser has it (Chrome on Android), the code of an SMS addressed to this page's
 * origin fills in and confirms by itself after the reader allows it. The request is aborted when
 * the step closes, or it would linger and fill a step that is gone.
 */
function useWebOtp(flow: AuthFlow, byPhone: boolean) {
  useEffect(() => {
    if (!byPhone || typeof window === 'undefined' || !('OTPCredential' in window)) return;
    const abort = new AbortController();
    const options = { otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions;
    navigator.credentials.get(options).then(
      (credential) => {
        const code = (credential as OtpCredential | null)?.code;
        if (!code || abort.signal.aborted) return;
        flow.code.value = code;
        void flow.confirm();
      },
      () => {
        // Aborted, refused by the reader, or no SMS came: the reader types the code instead.
      },
    );
    return () => abort.abort();
  }, [flow, byPhone]);
}
