import type { ComponentChildren, JSX } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  type: string;
  autocomplete: string;
  value: string;
  onInput(event: JSX.TargetedEvent<HTMLInputElement, Event>): void;
  invalid?: boolean;
  /** Ids of the hint and error texts read after the label. */
  describedBy?: string;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  maxLength?: number;
  /** Shown under the input (the password rule, for example). */
  children?: ComponentChildren;
}

/** A visible label, the input, and what is said under it. */
export function Field(props: FieldProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        value={props.value}
        onInput={props.onInput}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        spellcheck={false}
        autoCapitalize="off"
      />
      {props.children}
    </div>
  );
}
