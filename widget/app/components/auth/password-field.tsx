import { type AuthFlow, isNewPassword } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { Field } from './field.tsx';

/**
 * The password, `${idPrefix}-password`. A new one (registration, change) shows the customer's
 * rule under the field and marks it met or not as the reader types; sign-in takes any password as
 * typed. An error points at the step's error line, `${idPrefix}-error` (see StepForm).
 */
export function PasswordField(props: { flow: AuthFlow; idPrefix: string; label: string; isNew: boolean }) {
  const { a } = useAuthText();
  const { flow, isNew } = props;
  const id = `${props.idPrefix}-password`;
  const errorId = `${props.idPrefix}-error`;
  const value = flow.password.value;
  const invalid = flow.error.value?.field === 'password';
  const ruleId = `${id}-rule`;
  const rule = value === '' ? 'idle' : isNewPassword(value) ? 'ok' : 'bad';
  return (
    <Field
      id={id}
      label={props.label}
      type="password"
      autocomplete={isNew ? 'new-password' : 'current-password'}
      value={value}
      onInput={(event) => {
        flow.password.value = event.currentTarget.value;
      }}
      invalid={invalid}
      describedBy={[isNew ? ruleId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined}
    >
      {isNew && (
        <p class="rule" id={ruleId} data-state={rule}>
          {a.password.rule}
        </p>
      )}
    </Field>
  );
}
